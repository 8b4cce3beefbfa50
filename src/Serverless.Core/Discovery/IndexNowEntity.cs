using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Discovery;

/// <summary>
/// Table <c>sitefiles</c>, partition <see cref="Partition"/>: an article URL changed since the last IndexNow submission,
/// RowKey = its slug. Written by the render, removed once submitted (conditioned on its ETag, so a change recorded
/// meanwhile stays for the next submission).
/// </summary>
public sealed class IndexNowEntity : ITableEntity
{
    /// <summary>Never a site-file key (<see cref="Site.SiteFileKey"/>), whose state rows share the table.</summary>
    public const string Partition = "indexnow-pending";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Url { get; set; } = string.Empty;
}
