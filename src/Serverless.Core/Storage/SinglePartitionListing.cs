using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>A newest-first listing held in one partition: a tag's, in <c>articlesbytag</c>.</summary>
public sealed class SinglePartitionListing(TableClient table, string partition) : IListingPartitions
{
    public TableClient Table => table;

    public string Partition => partition;

    public Task<ListingSegment?> OverlayAsync(CancellationToken cancellationToken) => Task.FromResult<ListingSegment?>(null);

    public IAsyncEnumerable<ListingSegment> OlderAsync(string? after, CancellationToken cancellationToken) => Whole;

    public IAsyncEnumerable<ListingSegment> NewerAsync(string after, CancellationToken cancellationToken) => Whole;

    private IAsyncEnumerable<ListingSegment> Whole { get; } = new[] { ListingSegment.AllTime(partition) }.ToAsyncEnumerable();
}
