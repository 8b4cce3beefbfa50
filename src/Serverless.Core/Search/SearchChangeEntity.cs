using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Search;

/// <summary>
/// Table <c>searchchanges</c>: one row per change of an article's search document, RowKey <c>{UTC ticks:D19}-{slug}</c>,
/// holding the document written (<see cref="Document"/>) when it fits in a property. A reader applies, per article, its
/// newest change: the document it holds, or else the document blob (present or not), which says how.
/// </summary>
public sealed class SearchChangeEntity : ITableEntity
{
    public const string Partition = "changes";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Slug { get; set; } = string.Empty;

    /// <summary>
    /// The document written with this change, as JSON; null for a deletion, or when it is longer than
    /// <see cref="MaxDocumentChars"/>: readers then read the blob. Every instance's search reads every change, so the
    /// document in the row saves each of them a read per change.
    /// </summary>
    public string? Document { get; set; }

    /// <summary>A string property holds 64 KiB, UTF-16: a little under 32,768 characters, less the other properties.</summary>
    public const int MaxDocumentChars = 30_000;

    public static string RowKeyFor(DateTimeOffset at, string slug) => Bound(at) + "-" + slug;

    /// <summary>The row key every change made at or after <paramref name="at"/> sorts after.</summary>
    public static string Bound(DateTimeOffset at) => at.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset TimeOf(string rowKey) =>
        new(long.Parse(rowKey.AsSpan(0, 19), System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);
}
