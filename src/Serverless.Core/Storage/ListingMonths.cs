using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// The index of the listing's months (<see cref="ListingMonthEntity"/>): which months hold or held an article, so a
/// reader goes from a month to the next one listed, newer or older, a year of the index per request, without asking
/// the months in between. A month is listed before its first row is written, once per process and month, by an
/// idempotent write. A month whose articles all went stays listed: reading it costs one request that returns nothing,
/// whereas unlisting it could race with a row being written in it and hide that row.
/// </summary>
public sealed class ListingMonths(StorageClients storage)
{
    /// <summary>Index rows read per request: a year of months.</summary>
    public const int PageSize = 12;

    private readonly ConcurrentDictionary<ListingMonth, Lazy<Task>> _listed = new();

    /// <summary>Lists <paramref name="month"/>: one write per process, shared by the writers asking meanwhile, again after a failure.</summary>
    public async Task EnsureListedAsync(ListingMonth month, CancellationToken cancellationToken)
    {
        var listing = _listed.GetOrAdd(month, static (month, months) => new Lazy<Task>(() => months.ListAsync(month)), this);
        try
        {
            await listing.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (listing.Value.IsFaulted || listing.Value.IsCanceled)
        {
            _listed.TryRemove(new KeyValuePair<ListingMonth, Lazy<Task>>(month, listing));
            throw;
        }
    }

    /// <summary>Shared by concurrent writers, so it runs without any one writer's token.</summary>
    private async Task ListAsync(ListingMonth month) =>
        await storage.ListingTable.SubmitTransactionAsync(
            ListingMonthEntity.For(month).Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)));

    /// <summary>The listed months older than <paramref name="olderThan"/> (every one when null), newest first.</summary>
    public IAsyncEnumerable<ListingMonth> NewestFirstAsync(ListingMonth? olderThan, CancellationToken cancellationToken) =>
        ReadAsync(TableKeys.MonthsNewestFirstPrefix, olderThan is { } month ? TableKeys.ListingMonthNewestFirstRow(month) : TableKeys.MonthsNewestFirstPrefix, cancellationToken);

    /// <summary>The listed months newer than <paramref name="newerThan"/>, oldest first.</summary>
    public IAsyncEnumerable<ListingMonth> OldestFirstAsync(ListingMonth newerThan, CancellationToken cancellationToken) =>
        ReadAsync(TableKeys.MonthsOldestFirstPrefix, TableKeys.ListingMonthOldestFirstRow(newerThan), cancellationToken);

    /// <summary>The index rows of <paramref name="prefix"/> after <paramref name="after"/>, a page at a time as they are consumed.</summary>
    private async IAsyncEnumerable<ListingMonth> ReadAsync(string prefix, string after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.ListingMonthsPartition} and RowKey gt {after} and RowKey lt {TableKeys.MonthsRowsEnd(prefix)}");
        await foreach (var row in storage.ListingTable.QueryAsync<ListingMonthEntity>(filter, maxPerPage: PageSize, select: [nameof(ListingMonthEntity.Month)], cancellationToken: cancellationToken))
        {
            yield return ListingMonth.Parse(row.Month);
        }
    }
}
