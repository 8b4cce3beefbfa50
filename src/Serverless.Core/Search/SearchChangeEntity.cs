using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Search;

/// <summary>
/// Table <c>searchchanges</c>: one row per change of an article's search document, RowKey <c>{UTC ticks:D19}-{slug}</c>.
/// It says only which article changed: its document blob (present or not) says how, so the order of changes never matters.
/// </summary>
public sealed class SearchChangeEntity : ITableEntity
{
    public const string Partition = "changes";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Slug { get; set; } = string.Empty;

    public static string RowKeyFor(DateTimeOffset at, string slug) => Bound(at) + "-" + slug;

    /// <summary>The row key every change made at or after <paramref name="at"/> sorts after.</summary>
    public static string Bound(DateTimeOffset at) => at.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset TimeOf(string rowKey) =>
        new(long.Parse(rowKey.AsSpan(0, 19), System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);
}
