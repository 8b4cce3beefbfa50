using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// Entity-group transactions over rows other writers may change meanwhile. One action failing fails the whole
/// transaction; the service says which (<see cref="TableTransactionFailedException.FailedTransactionActionIndex"/>), so
/// that action is left out and the rest submitted again: a page of 100 deletions with one row rewritten since costs two
/// requests, not 101 (measured at 1,000 articles: the merger's deletions of pending counts fell back to one request a row).
/// </summary>
public static class TableTransactions
{
    /// <summary>Operations in one entity-group transaction: the service's limit.</summary>
    public const int MaxActions = 100;

    /// <summary>
    /// Submits <paramref name="actions"/>, all of one partition, in transactions of up to <see cref="MaxActions"/>. An
    /// action failing with a status <paramref name="leaveOut"/> accepts (a row gone, or changed since it was read) is left
    /// out and the others submitted again; any other failure throws. Returns the actions left out.
    /// </summary>
    public static async Task<IReadOnlyList<TableTransactionAction>> SubmitAsync(TableClient table, IEnumerable<TableTransactionAction> actions,
        Func<int, bool> leaveOut, CancellationToken cancellationToken)
    {
        var leftOut = new List<TableTransactionAction>();
        foreach (var chunk in actions.Chunk(MaxActions))
        {
            var remaining = chunk.ToList();
            while (remaining.Count > 0)
            {
                try
                {
                    await table.SubmitTransactionAsync(remaining, cancellationToken);
                    break;
                }
                catch (TableTransactionFailedException exception) when (leaveOut(exception.Status))
                {
                    // Without the failed action's index (a service that does not say), each is tried alone: the one is found.
                    var failed = exception.FailedTransactionActionIndex is int index && index < remaining.Count ? index : -1;
                    if (failed < 0)
                    {
                        leftOut.AddRange(await SubmitOneByOneAsync(table, remaining, leaveOut, cancellationToken));
                        break;
                    }
                    leftOut.Add(remaining[failed]);
                    remaining.RemoveAt(failed);
                }
            }
        }
        return leftOut;
    }

    private static async Task<IReadOnlyList<TableTransactionAction>> SubmitOneByOneAsync(TableClient table, IReadOnlyList<TableTransactionAction> actions,
        Func<int, bool> leaveOut, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(actions.Select(async action =>
        {
            try
            {
                await table.SubmitTransactionAsync([action], cancellationToken);
                return null;
            }
            catch (TableTransactionFailedException exception) when (leaveOut(exception.Status))
            {
                return action;
            }
        }));
        return [.. results.OfType<TableTransactionAction>()];
    }
}
