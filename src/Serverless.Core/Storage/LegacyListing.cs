using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// The one partition the listing had before it was spread over months (<see cref="TableKeys.LegacyListingPartition"/>).
/// Each article's next render moves its row to its month's partition (<c>ListingOutput</c>); until none is left,
/// readers read this partition beside the months, so the listing stays whole while a deployment migrates. Whether it
/// holds rows is asked once per process, and again every <see cref="RecheckEvery"/> while it does; once it is found
/// empty it is never read again, as nothing writes it any more.
/// </summary>
public sealed class LegacyListing(StorageClients storage, TimeProvider time)
{
    public static readonly TimeSpan RecheckEvery = TimeSpan.FromMinutes(1);

    private volatile bool _empty;
    private long _heldRowsAtTicks;

    public ListingSegment Segment { get; } = ListingSegment.AllTime(TableKeys.LegacyListingPartition);

    /// <summary>Whether rows are left to read in the legacy partition: one request at most per <see cref="RecheckEvery"/>, none once it is empty.</summary>
    public async Task<bool> HoldsRowsAsync(CancellationToken cancellationToken)
    {
        if (_empty)
        {
            return false;
        }
        var now = time.GetUtcNow().UtcTicks;
        if (now - Interlocked.Read(ref _heldRowsAtTicks) < RecheckEvery.Ticks)
        {
            return true;
        }
        await storage.EnsureCreatedAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.LegacyListingPartition}");
        await foreach (var page in storage.ListingTable.QueryAsync<ListingEntity>(filter, maxPerPage: 1, select: [nameof(ListingEntity.RowKey)], cancellationToken: cancellationToken).AsPages())
        {
            if (page.Values.Count > 0)
            {
                Interlocked.Exchange(ref _heldRowsAtTicks, now);
                return true;
            }
            if (page.ContinuationToken is null)
            {
                break;
            }
        }
        _empty = true;
        return false;
    }
}
