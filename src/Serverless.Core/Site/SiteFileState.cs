using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Site;

/// <summary>Table <c>sitefiles</c>: PartitionKey = a <see cref="SiteFileKey"/>; when the inputs of its last rebuild were read.</summary>
public sealed class SiteFileState : ITableEntity
{
    public const string Row = "state";

    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The rebuilder's clock when it started reading the inputs of the files as they stand.</summary>
    public DateTimeOffset InputsReadAt { get; set; }
}
