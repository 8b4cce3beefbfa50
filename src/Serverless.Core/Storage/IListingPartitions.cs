using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// Where a newest-first listing's rows are (<see cref="ListingPaging"/> pages it): partitions of its table each
/// holding a span of publication times that no other overlaps, and possibly one overlay, a partition whose rows can
/// have any time, read beside them.
/// </summary>
public interface IListingPartitions
{
    TableClient Table { get; }

    /// <summary>The overlay, if any.</summary>
    Task<ListingSegment?> OverlayAsync(CancellationToken cancellationToken);

    /// <summary>The segments that can hold rows after the RowKey <paramref name="after"/> (every one when null), newest first.</summary>
    IAsyncEnumerable<ListingSegment> OlderAsync(string? after, CancellationToken cancellationToken);

    /// <summary>The segments that can hold rows up to the RowKey <paramref name="after"/>, oldest first: the one of its time, then newer ones.</summary>
    IAsyncEnumerable<ListingSegment> NewerAsync(string after, CancellationToken cancellationToken);
}
