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

    private readonly Lock _gate = new();
    private volatile bool _empty;
    private Task<bool>? _probe;
    private long _probedAtTicks;

    public ListingSegment Segment { get; } = ListingSegment.AllTime(TableKeys.LegacyListingPartition);

    /// <summary>
    /// Whether rows are left to read in the legacy partition: one request at most per <see cref="RecheckEvery"/>, shared
    /// by the readers asking meanwhile, and none once it is empty.
    /// </summary>
    public Task<bool> HoldsRowsAsync(CancellationToken cancellationToken)
    {
        if (_empty)
        {
            return Task.FromResult(false);
        }
        Task<bool> probe;
        lock (_gate)
        {
            var now = time.GetUtcNow().UtcTicks;
            if (_probe is null || _probe.IsFaulted || _probe.IsCanceled || _probe.IsCompletedSuccessfully && now - _probedAtTicks >= RecheckEvery.Ticks)
            {
                // Shared by concurrent readers, so it runs without any one reader's token.
                _probe = ProbeAsync();
                _probedAtTicks = now;
            }
            probe = _probe;
        }
        return probe.WaitAsync(cancellationToken);
    }

    private async Task<bool> ProbeAsync()
    {
        await storage.EnsureCreatedAsync(CancellationToken.None);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.LegacyListingPartition}");
        await foreach (var page in storage.ListingTable.QueryAsync<ListingEntity>(filter, maxPerPage: 1, select: [nameof(ListingEntity.RowKey)]).AsPages())
        {
            if (page.Values.Count > 0)
            {
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
