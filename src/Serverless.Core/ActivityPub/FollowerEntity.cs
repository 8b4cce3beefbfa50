using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.ActivityPub;

/// <summary>Table <c>followers</c>: one row per follower of the site actor, RowKey = a hash of its actor id.</summary>
public sealed class FollowerEntity : ITableEntity
{
    public const string Partition = "site";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string ActorId { get; set; } = string.Empty;
    public string Inbox { get; set; } = string.Empty;

    /// <summary>Where deliveries for every follower on the same server go (its own inbox when the server has none).</summary>
    public string SharedInbox { get; set; } = string.Empty;
}
