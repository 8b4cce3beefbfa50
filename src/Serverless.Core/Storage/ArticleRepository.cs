using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>Reads and writes the article tables. Every query here is a point read or a single-partition range query.</summary>
public sealed class ArticleRepository(StorageClients storage)
{
    public const int MaxPageSize = 100;

    public async Task<ArticleEntity?> GetArticleAsync(string slug, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return await storage.ArticlesTable.GetOrNullAsync<ArticleEntity>(TableKeys.ForSlug(slug), TableKeys.ArticleRow, cancellationToken);
    }

    /// <summary>Adds the article when <paramref name="expected"/> is null, else replaces it if unchanged since read (412 otherwise).</summary>
    public async Task SaveArticleAsync(ArticleEntity article, ArticleEntity? expected, CancellationToken cancellationToken)
    {
        if (expected is null)
        {
            await storage.ArticlesTable.AddEntityAsync(article, cancellationToken);
        }
        else
        {
            await storage.ArticlesTable.UpdateEntityAsync(article, expected.ETag, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>One page of the newest-first listing, after the RowKey <paramref name="after"/> (exclusive).</summary>
    public async Task<(IReadOnlyList<ListingEntity> Items, string? Next)> ListAsync(int top, string? after, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        top = Math.Clamp(top, 1, MaxPageSize);
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.ListingPartition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.ListingPartition} and RowKey gt {after}");
        var items = new List<ListingEntity>(top + 1);
        // One more than asked tells whether another page exists without a second request.
        await foreach (var page in storage.ListingTable.QueryAsync<ListingEntity>(filter, maxPerPage: top + 1, cancellationToken: cancellationToken).AsPages())
        {
            items.AddRange(page.Values);
            if (items.Count > top || page.ContinuationToken is null)
            {
                break;
            }
        }
        return items.Count > top ? (items[..top], items[top - 1].RowKey) : (items, null);
    }

    public Task UpsertListingAsync(ListingEntity entry, CancellationToken cancellationToken) =>
        storage.ListingTable.UpsertEntityAsync(entry, TableUpdateMode.Replace, cancellationToken);

    public async Task DeleteListingAsync(string rowKey, CancellationToken cancellationToken) =>
        await storage.ListingTable.DeleteEntityAsync(TableKeys.ListingPartition, rowKey, ETag.All, cancellationToken);

    public async Task<IReadOnlyList<RelatedLinkEntity>> GetRelatedLinksAsync(string slug, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var links = new List<RelatedLinkEntity>();
        await foreach (var link in storage.RelatedLinksTable.QueryAsync<RelatedLinkEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.ForSlug(slug)}"), cancellationToken: cancellationToken))
        {
            links.Add(link);
        }
        return links;
    }

    /// <summary>Makes the article's related-link partition hold exactly <paramref name="wanted"/>, in one transaction per 100 changes.</summary>
    public async Task ReplaceRelatedLinksAsync(string slug, IReadOnlyList<RelatedLinkEntity> existing, IReadOnlyList<RelatedLinkEntity> wanted, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        var wantedKeys = wanted.Select(link => link.RowKey).ToHashSet(StringComparer.Ordinal);
        actions.AddRange(existing.Where(link => !wantedKeys.Contains(link.RowKey))
            .Select(link => new TableTransactionAction(TableTransactionActionType.Delete, link, ETag.All)));
        var existingByKey = existing.ToDictionary(link => link.RowKey, StringComparer.Ordinal);
        actions.AddRange(wanted.Where(link => !existingByKey.TryGetValue(link.RowKey, out var old) || !SameLink(old, link))
            .Select(link => new TableTransactionAction(TableTransactionActionType.UpsertReplace, link)));
        foreach (var batch in actions.Chunk(100))
        {
            await storage.RelatedLinksTable.SubmitTransactionAsync(batch, cancellationToken);
        }
    }

    private static bool SameLink(RelatedLinkEntity a, RelatedLinkEntity b) =>
        a.Title == b.Title && a.TitleKey == b.TitleKey && a.Target == b.Target && a.ResolvedSlug == b.ResolvedSlug;

    public async Task<SourceEntity?> GetSourceAsync(string blobName, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return await storage.SourcesTable.GetOrNullAsync<SourceEntity>(TableKeys.ForBlobName(blobName), TableKeys.SourceRow, cancellationToken);
    }

    public Task SaveSourceAsync(SourceEntity source, CancellationToken cancellationToken) =>
        storage.SourcesTable.UpsertEntityAsync(source, TableUpdateMode.Replace, cancellationToken);

    public async Task DeleteSourceAsync(string blobName, CancellationToken cancellationToken) =>
        await storage.SourcesTable.DeleteEntityAsync(TableKeys.ForBlobName(blobName), TableKeys.SourceRow, ETag.All, cancellationToken);

    /// <summary>Every source record: reconciliation compares them with the container's listing.</summary>
    public async Task<IReadOnlyList<SourceEntity>> ListSourcesAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var sources = new List<SourceEntity>();
        await foreach (var source in storage.SourcesTable.QueryAsync<SourceEntity>(cancellationToken: cancellationToken))
        {
            sources.Add(source);
        }
        return sources;
    }
}
