using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// The site's newest-first listing, table <c>articlesbydate</c>: one partition per UTC month of publication
/// (<c>m2026-12</c>), RowKey = inverted publication ticks + slug, so a month reads newest first and a page crosses into
/// older months as it needs (<see cref="ListingPaging"/>); the index of months (<see cref="ListingMonths"/>) leads a
/// reader from one month to the next listed one; the partition of before months is read beside them while rows remain
/// in it (<see cref="LegacyListing"/>). A cursor is a RowKey, which tells its month.
/// </summary>
public sealed class ArticlesByDate(StorageClients storage, ListingMonths months, LegacyListing legacy) : IListingPartitions
{
    public TableClient Table => storage.ListingTable;

    /// <summary>One page of the listing, after the RowKey <paramref name="after"/> (exclusive).</summary>
    public async Task<ListingRows> ListAsync(int top, string? after, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return await ListingPaging.OlderAsync(this, top, after, cancellationToken);
    }

    /// <summary>A page of the listing for readers: its articles and both its neighbours (<see cref="ListingPage"/>).</summary>
    public async Task<ListingPage> ListPageAsync(int top, string? after, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return await ListingPaging.PageAsync(this, top, after, cancellationToken);
    }

    /// <summary>
    /// The rows of the articles published in [<paramref name="from"/>, <paramref name="to"/>), newest first, at most
    /// <paramref name="max"/>: a range query of each month's partition (one for a month; a page per 1,000 rows).
    /// </summary>
    public async Task<IReadOnlyList<ListingEntity>> ListPublishedBetweenAsync(DateTimeOffset from, DateTimeOffset to, int max, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var (first, end) = TableKeys.ListingRowsPublishedIn(from, to);
        var rows = new SortedList<string, ListingEntity>(StringComparer.Ordinal);
        var overlay = await OverlayAsync(cancellationToken);
        var partitions = MonthsBetween(from, to).Select(month => month.Segment.Partition);
        // The overlay first: a month's row replaces the older copy an article not moved yet may leave there.
        foreach (var partition in overlay is null ? partitions : partitions.Prepend(overlay.Partition))
        {
            if (overlay is null && rows.Count >= max)
            {
                break; // the months left are older
            }
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {first} and RowKey lt {end}");
            await ListingPaging.ReadAsync(Table, filter, max, rows, cancellationToken);
        }
        return [.. rows.Values.Take(max)];
    }

    /// <summary>The months [<paramref name="from"/>, <paramref name="to"/>) reaches, newest first.</summary>
    private static IEnumerable<ListingMonth> MonthsBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            yield break;
        }
        var oldest = ListingMonth.Of(from);
        for (var month = ListingMonth.Of(to.AddTicks(-1)); month.Number >= oldest.Number; month = month.Previous)
        {
            yield return month;
        }
    }

    /// <summary>Writes the row, its month listed first so that no reader misses the row for want of its month.</summary>
    public async Task UpsertAsync(ListingEntity row, CancellationToken cancellationToken)
    {
        await months.EnsureListedAsync(ListingMonth.Of(TableKeys.PublishedOfListingRow(row.RowKey)), cancellationToken);
        await Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Deletes the row of <paramref name="rowKey"/> from its month's partition.</summary>
    public Task DeleteAsync(string rowKey, CancellationToken cancellationToken) =>
        DeleteAsync(TableKeys.ListingPartitionOfRow(rowKey), rowKey, cancellationToken);

    /// <summary>Deletes the row of <paramref name="rowKey"/> from the partition of before months, where an article listed then has it.</summary>
    public Task DeleteLegacyAsync(string rowKey, CancellationToken cancellationToken) =>
        DeleteAsync(TableKeys.LegacyListingPartition, rowKey, cancellationToken);

    private async Task DeleteAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(partition, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.IsStatus(404))
        {
            // Already gone: a crash after the delete, before the record said so.
        }
    }

    public async Task<ListingSegment?> OverlayAsync(CancellationToken cancellationToken) =>
        await legacy.HoldsRowsAsync(cancellationToken) ? legacy.Segment : null;

    /// <summary>The month of <paramref name="after"/>, then the older ones listed; every listed month when null.</summary>
    public async IAsyncEnumerable<ListingSegment> OlderAsync(string? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ListingMonth? current = null;
        if (after is not null)
        {
            // Its own month needs no index: it holds the cursor's article, or did.
            current = ListingMonth.Of(TableKeys.PublishedOfListingRow(after));
            yield return current.Value.Segment;
        }
        await foreach (var month in months.NewestFirstAsync(current, cancellationToken))
        {
            yield return month.Segment;
        }
    }

    /// <summary>The month of <paramref name="after"/>, then the newer ones listed.</summary>
    public async IAsyncEnumerable<ListingSegment> NewerAsync(string after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var current = ListingMonth.Of(TableKeys.PublishedOfListingRow(after));
        yield return current.Segment;
        await foreach (var month in months.OldestFirstAsync(current, cancellationToken))
        {
            yield return month.Segment;
        }
    }
}
