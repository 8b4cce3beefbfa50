using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// Table <c>sources</c>, PartitionKey <see cref="TableKeys.ReconcileStatePartition"/> (never a blob's key): where the
/// reconciliation stands. Written only when a pass has work to remember, so an idle pass writes nothing.
/// </summary>
public sealed class ReconcileStateEntity : ITableEntity
{
    public string PartitionKey { get; set; } = TableKeys.ReconcileStatePartition;
    public string RowKey { get; set; } = TableKeys.ReconcileStateRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The last blob name a pass in progress has processed: an interrupted pass resumes its listing just after it.</summary>
    public string? ListedThrough { get; set; }

    /// <summary>Where the last pass found the listing failing with no single blob to blame: nothing after it was reconciled.</summary>
    public string? UnlistableAfter { get; set; }
    public string? UnlistableReason { get; set; }
    public DateTimeOffset? UnlistableAt { get; set; }
}
