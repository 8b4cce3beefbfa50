using Azure;
using Azure.Data.Tables;
using Serverless.Core.Storage;

namespace Serverless.Core.ActivityPub;

/// <summary>Likes, boosts and replies to the site's articles, counted by article (table <c>reactions</c>).</summary>
public sealed class Reactions(StorageClients storage)
{
    private static string RowOf(ReactionKind kind, string key) => $"{kind.ToString().ToLowerInvariant()}-{ActivityDocuments.Hash(key)}";

    /// <summary>Records a reaction; <paramref name="key"/> is who (a like, a boost) or which note (a reply).</summary>
    public async Task AddAsync(string slug, ReactionKind kind, string key, string actor, string objectId, CancellationToken cancellationToken) =>
        await (await TableAsync(cancellationToken)).UpsertEntityAsync(
            new ReactionEntity { PartitionKey = TableKeys.ForSlug(slug), RowKey = RowOf(kind, key), Actor = actor, ObjectId = objectId }, TableUpdateMode.Replace, cancellationToken);

    public async Task RemoveAsync(string slug, ReactionKind kind, string key, CancellationToken cancellationToken)
    {
        try
        {
            await (await TableAsync(cancellationToken)).DeleteEntityAsync(TableKeys.ForSlug(slug), RowOf(kind, key), ETag.All, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.IsStatus(404))
        {
        }
    }

    /// <summary>The article's counts: a keys-only query of its partition, a page per 1,000 reactions.</summary>
    public async Task<ReactionCounts> CountAsync(string slug, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = await TableAsync(cancellationToken);
        await foreach (var row in table.QueryAsync<ReactionEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.ForSlug(slug)}"),
            maxPerPage: 1000, select: [nameof(ReactionEntity.RowKey)], cancellationToken: cancellationToken))
        {
            var kind = row.RowKey[..row.RowKey.IndexOf('-')];
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
        }
        return new ReactionCounts(counts.GetValueOrDefault("like"), counts.GetValueOrDefault("boost"), counts.GetValueOrDefault("reply"));
    }

    /// <summary>The table, created first if this process has not yet (one request, once).</summary>
    private async Task<TableClient> TableAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return storage.ReactionsTable;
    }
}
