using Azure;
using Azure.Data.Tables;
using Serverless.Core.Storage;

namespace Serverless.Core.ActivityPub;

/// <summary>The site actor's followers, table <c>followers</c>: one upsert to follow, one delete to stop, a query page per 1,000 to read.</summary>
public sealed class Followers(StorageClients storage)
{
    public static string RowOf(string actorId) => ActivityDocuments.Hash(actorId);

    public async Task AddAsync(RemoteActor actor, CancellationToken cancellationToken) =>
        await (await TableAsync(cancellationToken)).UpsertEntityAsync(
            new FollowerEntity { RowKey = RowOf(actor.Id), ActorId = actor.Id, Inbox = actor.Inbox, SharedInbox = actor.SharedInbox }, TableUpdateMode.Replace, cancellationToken);

    public async Task RemoveAsync(string actorId, CancellationToken cancellationToken)
    {
        try
        {
            await (await TableAsync(cancellationToken)).DeleteEntityAsync(FollowerEntity.Partition, RowOf(actorId), ETag.All, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.IsStatus(404))
        {
            // Not (or no longer) a follower: an Undo delivered twice.
        }
    }

    public async Task<FollowerEntity?> GetAsync(string actorId, CancellationToken cancellationToken) =>
        await (await TableAsync(cancellationToken)).GetOrNullAsync<FollowerEntity>(FollowerEntity.Partition, RowOf(actorId), cancellationToken);

    /// <summary>Every follower's shared inbox, once each: a query page per 1,000 followers, to the last.</summary>
    public async Task<IReadOnlyList<string>> SharedInboxesAsync(CancellationToken cancellationToken)
    {
        var inboxes = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var follower in await QueryAsync(nameof(FollowerEntity.SharedInbox), cancellationToken))
        {
            inboxes.Add(follower.SharedInbox);
        }
        return [.. inboxes.Order(StringComparer.Ordinal)];
    }

    /// <summary>How many follow the site: a keys-only query page per 1,000.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var _ in await QueryAsync(nameof(FollowerEntity.RowKey), cancellationToken))
        {
            count++;
        }
        return count;
    }

    private async Task<AsyncPageable<FollowerEntity>> QueryAsync(string property, CancellationToken cancellationToken) =>
        (await TableAsync(cancellationToken)).QueryAsync<FollowerEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {FollowerEntity.Partition}"),
            maxPerPage: 1000, select: [property], cancellationToken: cancellationToken);

    /// <summary>The table, created first if this process has not yet (one request, once).</summary>
    private async Task<TableClient> TableAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return storage.FollowersTable;
    }
}
