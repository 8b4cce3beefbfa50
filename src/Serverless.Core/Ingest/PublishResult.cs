
namespace Serverless.Core.Ingest;

/// <summary>What ingesting one uploaded blob did.</summary>
public enum PublishStatus
{
    /// <summary>A new version of the record is stored; its page is rendered by stage 2.</summary>
    Published,
    /// <summary>Same content as last processed, or an older version than the one processed: nothing was written.</summary>
    Unchanged,
    /// <summary>The upload is invalid; the message says why and the previous version, if any, is still served.</summary>
    Failed,
    /// <summary>Marked draft: not served.</summary>
    Draft,
    /// <summary>Dated in the future: not served until then, when reconciliation publishes it.</summary>
    Scheduled,
    /// <summary>Not an article (not .md, .markdown or .txt): recorded and left alone.</summary>
    Ignored,
    /// <summary>The blob is gone: its article was unpublished.</summary>
    Removed,
}

public sealed record PublishResult(string BlobName, PublishStatus Status, string? Slug = null, string? Message = null, IReadOnlyList<string>? Warnings = null);

/// <summary>What one reconciliation pass did.</summary>
/// <param name="Unlistable">Blobs storage failed to list, skipped so that the others were reconciled.</param>
public sealed record ReconcileReport(int BlobsSeen, IReadOnlyList<PublishResult> Results, int RendersRequested = 0, IReadOnlyList<Storage.UnlistableBlob>? Unlistable = null)
{
    public int Published { get; } = Results.Count(result => result.Status == PublishStatus.Published);
    public int Failed { get; } = Results.Count(result => result.Status == PublishStatus.Failed);
    public int Removed { get; } = Results.Count(result => result.Status == PublishStatus.Removed);
}

/// <summary>What rendering one slug's outputs did.</summary>
public enum RenderStatus
{
    /// <summary>A new page is served, and the other outputs follow it.</summary>
    Rendered,
    /// <summary>The inputs are those of the served page: nothing written.</summary>
    Unchanged,
    /// <summary>The article is no longer live: its outputs were taken down.</summary>
    Retracted,
    /// <summary>There is no such article.</summary>
    Missing,
    /// <summary>Storage refused what the render would write: recorded on the article, which keeps its served page.</summary>
    Failed,
}

public sealed record RenderResult(string Slug, RenderStatus Status);
