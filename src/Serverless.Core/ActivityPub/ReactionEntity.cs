using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.ActivityPub;

/// <summary>
/// Table <c>reactions</c>: PartitionKey = the article's slug, RowKey = <c>{kind}-{hash}</c> of who liked or boosted it
/// (or of the reply's id), so an activity delivered twice counts once and an Undo removes exactly it.
/// </summary>
public sealed class ReactionEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Actor { get; set; } = string.Empty;

    /// <summary>The activity (like, boost) or note (reply) it stands for.</summary>
    public string ObjectId { get; set; } = string.Empty;

    /// <summary>A reply's author as their actor names them (<c>name</c>, else <c>preferredUsername</c>).</summary>
    public string? AuthorName { get; set; }

    /// <summary>A reply's text, sanitized (<see cref="ReplyContent"/>): safe to write into a page as it is.</summary>
    public string? Content { get; set; }

    /// <summary>A reply's address for readers (its <c>url</c>, else its id).</summary>
    public string? Url { get; set; }

    /// <summary>When a reply was written (its <c>published</c>, else when it came).</summary>
    public DateTimeOffset? Published { get; set; }
}
