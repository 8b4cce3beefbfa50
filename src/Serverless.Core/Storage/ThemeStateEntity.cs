using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// Table <c>sources</c>, beside the reconciliation's state: the uploaded theme sheet the pages were last republished
/// for, and why it is left out when it is (<see cref="Site.ThemeUpload.MaxBytes"/>).
/// </summary>
public sealed class ThemeStateEntity : ITableEntity
{
    public const string Row = "theme";

    public string PartitionKey { get; set; } = TableKeys.ReconcileStatePartition;
    public string RowKey { get; set; } = Row;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The uploaded sheet's blob ETag when the pages' republish was started; null when there was none.</summary>
    public string? UploadETag { get; set; }

    /// <summary>Why the sheet is left out; null when it is included.</summary>
    public string? Problem { get; set; }

    public DateTimeOffset? CheckedAt { get; set; }
}
