namespace Serverless.Core.Publishing;

/// <summary>What processing one uploaded blob did.</summary>
public enum PublishStatus
{
    /// <summary>A new version is rendered and served.</summary>
    Published,
    /// <summary>Same content as last processed: nothing was written.</summary>
    Unchanged,
    /// <summary>The upload is invalid; the message says why and the previous version, if any, is still served.</summary>
    Failed,
    /// <summary>Marked draft: not served.</summary>
    Draft,
    /// <summary>Not an article (not .md, .markdown or .txt): recorded and left alone.</summary>
    Ignored,
    /// <summary>The blob is gone: its article was unpublished.</summary>
    Removed,
}

public sealed record PublishResult(string BlobName, PublishStatus Status, string? Slug = null, string? Message = null, IReadOnlyList<string>? Warnings = null);

/// <summary>What one reconciliation pass did.</summary>
public sealed record ReconcileReport(int BlobsSeen, IReadOnlyList<PublishResult> Results)
{
    public int Published { get; } = Results.Count(result => result.Status == PublishStatus.Published);
    public int Failed { get; } = Results.Count(result => result.Status == PublishStatus.Failed);
    public int Removed { get; } = Results.Count(result => result.Status == PublishStatus.Removed);
}
