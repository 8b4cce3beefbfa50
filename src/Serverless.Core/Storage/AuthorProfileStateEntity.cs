using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// Table <c>sources</c>, beside the reconciliation's state: one row per author profile file the pages were last
/// rendered for (RowKey: the author's slug), so that the next pass tells which were uploaded, changed or deleted since.
/// </summary>
public sealed class AuthorProfileStateEntity : ITableEntity
{
    public const string Partition = "~authorprofiles";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The profile file's blob ETag when its author's pages were asked for.</summary>
    public string UploadETag { get; set; } = string.Empty;
}
