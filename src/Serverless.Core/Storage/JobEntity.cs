using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// Table <c>jobs</c>: PartitionKey = the job's id, RowKey = <see cref="TableKeys.JobRow"/>. Where an admin job stands
/// (the page it does next, and the storage continuation that page starts from) and what it has done so far; replaced,
/// conditionally, once per page.
/// </summary>
public sealed class JobEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = TableKeys.JobRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>What the job does: <c>republish</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>A <c>JobState</c> name.</summary>
    public string State { get; set; } = string.Empty;

    /// <summary>A <c>RepublishPhase</c> name: the table the next page is read from.</summary>
    public string Phase { get; set; } = string.Empty;

    /// <summary>The number of the page the job does next (from 0, across phases): its message carries it.</summary>
    public int NextPage { get; set; }

    /// <summary>Where the next page starts in its phase's table (the SDK's continuation token); null at the phase's start.</summary>
    public string? Continuation { get; set; }

    public int SourcesSeen { get; set; }
    public int SourcesMarked { get; set; }
    public int ArticlesWeighed { get; set; }
    public int ArticlesSeen { get; set; }
    public int ArticlesQueued { get; set; }
    public int RenderMessages { get; set; }

    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Why the job stopped, when it failed.</summary>
    public string? Error { get; set; }
}
