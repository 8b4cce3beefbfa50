using System.Runtime.ExceptionServices;
using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// Entity-group transactions over rows other writers may change meanwhile. One action failing fails the whole
/// transaction; the service says which (<see cref="TableTransactionFailedException.FailedTransactionActionIndex"/>), so
/// that action is taken out and the rest submitted again: a page of 100 deletions with one row rewritten since costs two
/// requests, not 101 (measured at 1,000 articles: the merger's deletions of pending counts fell back to one request a row).
/// </summary>
public static class TableTransactions
{
    /// <summary>Operations in one entity-group transaction: the service's limit.</summary>
    public const int MaxActions = 100;

    /// <summary>
    /// Submits <paramref name="actions"/>, all of one partition, in transactions of up to <see cref="MaxActions"/>; a lone
    /// action as its own request. Returns each action's failure, in order (null: done): an action that fails is taken
    /// out, and the others submitted again.
    /// </summary>
    public static async Task<IReadOnlyList<RequestFailedException?>> SubmitEachAsync(TableClient table, IReadOnlyList<TableTransactionAction> actions,
        CancellationToken cancellationToken)
    {
        var failures = new RequestFailedException?[actions.Count];
        for (var start = 0; start < actions.Count; start += MaxActions)
        {
            var remaining = Enumerable.Range(start, Math.Min(MaxActions, actions.Count - start)).ToList();
            while (remaining.Count > 1)
            {
                try
                {
                    await table.SubmitTransactionAsync(remaining.Select(position => actions[position]), cancellationToken);
                    remaining.Clear();
                }
                catch (TableTransactionFailedException exception) when (exception.FailedTransactionActionIndex is int failed && failed < remaining.Count)
                {
                    failures[remaining[failed]] = exception;
                    remaining.RemoveAt(failed);
                }
                catch (TableTransactionFailedException)
                {
                    // A service that does not say which action failed: each is tried alone, and the one is found.
                    break;
                }
            }
            await Task.WhenAll(remaining.Select(async position => failures[position] = await SubmitAloneAsync(table, actions[position], cancellationToken)));
        }
        return failures;
    }

    /// <summary>
    /// <see cref="SubmitEachAsync"/>, for actions whose failures <paramref name="leaveOut"/> accepts (a row gone, or
    /// changed since it was read): returns the actions left out; any other failure throws, once every action was tried.
    /// </summary>
    public static async Task<IReadOnlyList<TableTransactionAction>> SubmitAsync(TableClient table, IEnumerable<TableTransactionAction> actions,
        Func<TableTransactionAction, RequestFailedException, bool> leaveOut, CancellationToken cancellationToken)
    {
        var submitted = actions.ToList();
        var failures = await SubmitEachAsync(table, submitted, cancellationToken);
        var leftOut = new List<TableTransactionAction>();
        for (var position = 0; position < submitted.Count; position++)
        {
            if (failures[position] is not { } failure)
            {
                continue;
            }
            if (!leaveOut(submitted[position], failure))
            {
                ExceptionDispatchInfo.Throw(failure);
            }
            leftOut.Add(submitted[position]);
        }
        return leftOut;
    }

    /// <summary>Whether a failed action was a deletion of a row that is gone already: done, for a deletion of any version.</summary>
    public static bool DeletedAlready(TableTransactionAction action, RequestFailedException failure) =>
        action.ActionType == TableTransactionActionType.Delete && failure.Status == 404;

    private static async Task<RequestFailedException?> SubmitAloneAsync(TableClient table, TableTransactionAction action, CancellationToken cancellationToken)
    {
        try
        {
            switch (action.ActionType)
            {
                case TableTransactionActionType.UpsertReplace:
                    await table.UpsertEntityAsync(action.Entity, TableUpdateMode.Replace, cancellationToken);
                    break;
                case TableTransactionActionType.Delete:
                    await table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, action.ETag, cancellationToken);
                    break;
                default:
                    await table.SubmitTransactionAsync([action], cancellationToken);
                    break;
            }
            return null;
        }
        catch (RequestFailedException exception)
        {
            return exception;
        }
    }
}
