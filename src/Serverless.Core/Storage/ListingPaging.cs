using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// Pages of a newest-first listing spread over partitions (<see cref="IListingPartitions"/>): a page is read from the
/// partition of its first row and, when that one runs out, from the next ones, newest first; its newer neighbour is
/// found in windows of publication times. Every query is a single-partition range query bounded by the page, or by
/// the articles published in a window, never by the listing's size.
/// </summary>
public static class ListingPaging
{
    public const int MaxPageSize = 100;

    private static readonly TimeSpan FirstWindow = TimeSpan.FromDays(1);

    /// <summary>A page for readers: its articles and both its neighbours (<see cref="ListingPage"/>).</summary>
    public static async Task<ListingPage> PageAsync(IListingPartitions partitions, int top, string? after, CancellationToken cancellationToken)
    {
        top = Math.Clamp(top, 1, MaxPageSize);
        var (items, older) = await OlderAsync(partitions, top, after, cancellationToken);
        if (after is null)
        {
            return new ListingPage(items, older, HasNewer: false, NewerAfter: null);
        }
        var span = items.Count > 0 ? TableKeys.PublishedOfListingRow(after) - TableKeys.PublishedOfListingRow(items[^1].RowKey) : TimeSpan.Zero;
        var newer = await NewerRowAsync(partitions, top + 1, after, inclusive: true, span, listedUntil: null, [nameof(ListingEntity.RowKey)], cancellationToken);
        return new ListingPage(items, older, HasNewer: true, newer?.RowKey);
    }

    /// <summary>
    /// The rows just older and just newer than the RowKey <paramref name="rowKey"/>, which need not be listed itself (an
    /// article's first render comes before its row), in a listing of one partition: one query for the older, one for the newer ones up to
    /// <see cref="NewerRowsRead"/>, which is all unless more are newer (an old article of a large group); then the same
    /// windows as a page's newer neighbour, the last of them open-ended once past the newest's publication.
    /// </summary>
    public static async Task<ListingNeighbours> NeighboursAsync(SinglePartitionListing listing, string rowKey, CancellationToken cancellationToken)
    {
        var older = (await OlderAsync(listing, 1, rowKey, cancellationToken)).Items is [var row, ..] ? row : null;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {listing.Partition} and RowKey lt {rowKey}");
        await foreach (var page in listing.Table.QueryAsync<ListingEntity>(filter, maxPerPage: NewerRowsRead, select: NewerColumns, cancellationToken: cancellationToken).AsPages())
        {
            // Newest first: the last is the nearest, when they are all there.
            if (page.ContinuationToken is null)
            {
                return new ListingNeighbours(older, page.Values.Count > 0 ? page.Values[^1] : null);
            }
            var newest = page.Values.Count > 0 ? page.Values[0].Published : (DateTimeOffset?)null;
            return new ListingNeighbours(older, await NewerRowAsync(listing, 1, rowKey, inclusive: false, FirstWindow, newest, NeighbourColumns, cancellationToken));
        }
        return new ListingNeighbours(older, null);
    }

    /// <summary>
    /// Rows newer than an article read in one query to find its newer neighbour: every one of them for the newest
    /// articles of a group, where news is published (a few kilobytes); past that, windows of publication times.
    /// </summary>
    private const int NewerRowsRead = 100;

    /// <summary>What a neighbour is shown and told by: its link, and its tags (whose first says where its own neighbours are).</summary>
    private static readonly string[] NeighbourColumns = [nameof(ListingEntity.RowKey), nameof(ListingEntity.Slug), nameof(ListingEntity.Title), nameof(ListingEntity.TagsJson)];

    /// <summary>The neighbour's columns, and its publication for the windows when more are newer.</summary>
    private static readonly string[] NewerColumns = [.. NeighbourColumns, nameof(ListingEntity.Published)];

    /// <summary>
    /// Up to <paramref name="top"/> rows after the RowKey <paramref name="after"/> (exclusive), and the RowKey to continue
    /// after if more follow. The overlay is read first, then each segment, newest first, for as many rows as can still
    /// enter the page, until the page's rows are all newer than what the segments left hold.
    /// </summary>
    public static async Task<ListingRows> OlderAsync(IListingPartitions partitions, int top, string? after, CancellationToken cancellationToken)
    {
        top = Math.Clamp(top, 1, MaxPageSize);
        // One more than asked tells whether another page exists without another request.
        var wanted = top + 1;
        var rows = new SortedList<string, ListingEntity>(StringComparer.Ordinal);
        if (await partitions.OverlayAsync(cancellationToken) is { } overlay)
        {
            await ReadAsync(partitions.Table, After(overlay.Partition, after), wanted, rows, cancellationToken);
        }
        // Every row of the segments not read yet sorts at or after this key (null: not known yet).
        string? leftFrom = null;
        await using var segments = partitions.OlderAsync(after, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (!(rows.Count >= wanted && leftFrom is not null && string.CompareOrdinal(rows.Keys[top], leftFrom) < 0)
               && await segments.MoveNextAsync())
        {
            var segment = segments.Current;
            var newer = rows.Keys.Count(key => string.CompareOrdinal(key, segment.NewestRowKey) < 0);
            // A row the overlay also holds is the segment's: the overlay's is the older copy.
            await ReadAsync(partitions.Table, After(segment.Partition, after), wanted - newer, rows, cancellationToken);
            leftFrom = segment.OlderRowsKey;
        }
        var items = rows.Values.Take(wanted).ToList();
        return items.Count > top ? new ListingRows(items[..top], items[top - 1].RowKey) : new ListingRows(items, null);
    }

    private static string After(string partition, string? after) => after is null
        ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
        : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after}");

    /// <summary>
    /// The first <paramref name="count"/> rows a single-partition query returns, into <paramref name="rows"/> by RowKey:
    /// a row already there is replaced.
    /// </summary>
    internal static async Task ReadAsync(TableClient table, string filter, int count, SortedList<string, ListingEntity> rows, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return;
        }
        var read = 0;
        await foreach (var page in table.QueryAsync<ListingEntity>(filter, maxPerPage: count, cancellationToken: cancellationToken).AsPages())
        {
            foreach (var row in page.Values.Take(count - read))
            {
                rows[row.RowKey] = row;
            }
            read += page.Values.Count;
            if (read >= count || page.ContinuationToken is null)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The row <paramref name="back"/> places newer than <paramref name="from"/> (which counts as the first when
    /// <paramref name="inclusive"/>), null when the listing has fewer: for a page listed after <paramref name="from"/>,
    /// the <paramref name="back"/> = top + 1th is the row the page before it is listed after.
    /// Tables read ascending only, so the rows just before <paramref name="from"/> are found in successive windows of
    /// publication times going newer, each four times the last, starting from <paramref name="span"/> (the time the
    /// current page spans): each query is bounded by the articles published in its window. A window reads the
    /// overlay and the segments it reaches, learnt only as it reaches them; a stretch no segment holds is skipped. A
    /// window reaching past <paramref name="listedUntil"/> reads to the end.
    /// </summary>
    private static async Task<ListingEntity?> NewerRowAsync(IListingPartitions partitions, int back, string from, bool inclusive, TimeSpan span, DateTimeOffset? listedUntil,
        string[] columns, CancellationToken cancellationToken)
    {
        var overlay = await partitions.OverlayAsync(cancellationToken);
        await using var segments = partitions.NewerAsync(from, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var reached = new List<ListingSegment>();
        var knownUntil = DateTimeOffset.MinValue; // every segment starting before this is in `reached`, or was passed
        var exhausted = false;
        var rows = new List<ListingEntity>(); // newest first
        var start = TableKeys.PublishedOfListingRow(from);
        var window = span > FirstWindow ? span : FirstWindow;
        for (var first = true; ; first = false)
        {
            var end = start.UtcTicks > DateTimeOffset.MaxValue.UtcTicks - window.Ticks || start + window > listedUntil ? DateTimeOffset.MaxValue : start + window;
            while (!exhausted && knownUntil < end)
            {
                if (await segments.MoveNextAsync())
                {
                    reached.Add(segments.Current);
                    knownUntil = segments.Current.End;
                }
                else
                {
                    exhausted = true;
                }
            }
            var found = new SortedList<string, ListingEntity>(StringComparer.Ordinal);
            var read = reached.Where(segment => segment.Start < end && segment.End > start);
            foreach (var segment in overlay is null ? read : read.Prepend(overlay))
            {
                var filter = WindowFilter(segment.Partition, start, end, first ? from : null, inclusive);
                await foreach (var row in partitions.Table.QueryAsync<ListingEntity>(filter, select: columns, cancellationToken: cancellationToken))
                {
                    found[row.RowKey] = row;
                }
            }
            rows.InsertRange(0, found.Values);
            if (rows.Count >= back)
            {
                return rows[^back];
            }
            reached.RemoveAll(segment => segment.End <= end);
            if (end == DateTimeOffset.MaxValue || overlay is null && exhausted && reached.Count == 0)
            {
                return null;
            }
            // With no overlay, nothing is listed between this window and the next segment's start.
            start = overlay is null && reached.Count > 0 && reached[0].Start > end ? reached[0].Start : end;
            window = window < TimeSpan.MaxValue / 4 ? window * 4 : TimeSpan.MaxValue;
        }
    }

    /// <summary>
    /// The rows of a partition published in [<paramref name="start"/>, <paramref name="end"/>); for the first window,
    /// those up to <paramref name="upTo"/> (itself included when <paramref name="inclusive"/>) from its time on.
    /// </summary>
    private static string WindowFilter(string partition, DateTimeOffset start, DateTimeOffset end, string? upTo, bool inclusive)
    {
        var (first, past) = TableKeys.ListingRowsPublishedIn(start, end);
        return (end == DateTimeOffset.MaxValue, upTo, inclusive) switch
        {
            (true, null, _) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {past}"),
            (true, { } key, true) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey le {key}"),
            (true, { } key, false) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {key}"),
            (false, null, _) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {first} and RowKey lt {past}"),
            (false, { } key, true) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {first} and RowKey le {key}"),
            (false, { } key, false) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {first} and RowKey lt {key}"),
        };
    }
}
