namespace Serverless.Core.Storage;

/// <summary>
/// A partition of a newest-first listing and the publication times its rows can have, from <see cref="Start"/>
/// (inclusive) to <see cref="End"/> (exclusive): a month of the site's listing, or a whole tag's.
/// </summary>
public sealed record ListingSegment(string Partition, DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>A partition whose rows can have any publication time: a tag's, or the legacy one of the site's listing.</summary>
    public static ListingSegment AllTime(string partition) => new(partition, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);

    /// <summary>No row of this segment sorts before this key: that of its latest possible time.</summary>
    public string NewestRowKey => End == DateTimeOffset.MaxValue ? string.Empty : TableKeys.ListingRowsPublishedIn(Start, End).First;

    /// <summary>Every row published before <see cref="Start"/> sorts at or after this key; null when nothing is before.</summary>
    public string? OlderRowsKey => Start == DateTimeOffset.MinValue ? null : TableKeys.ListingRowsPublishedIn(DateTimeOffset.MinValue, Start).First;
}
