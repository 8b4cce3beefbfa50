using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>Reads and writes the article tables but the site's listing (<see cref="ArticlesByDate"/>). Every query here is a point read or a single-partition range query.</summary>
public sealed class ArticleRepository(StorageClients storage, LargeProperties large)
{
    /// <summary>Reads of a record whose large values a writer replaced between the row and its blobs, before giving up.</summary>
    private const int MaxReads = 4;

    /// <summary>The article's record, with its large values (<see cref="LargeProperties"/>) read in: one point read for most articles.</summary>
    public async Task<ArticleEntity?> GetArticleAsync(string slug, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        for (var read = 1; ; read++)
        {
            var article = await storage.ArticlesTable.GetOrNullAsync<ArticleEntity>(TableKeys.ForSlug(slug), TableKeys.ArticleRow, cancellationToken);
            if (article is null || await large.LoadAsync(article, cancellationToken) || read == MaxReads)
            {
                return article;
            }
        }
    }

    /// <summary>
    /// Adds the article when <paramref name="expected"/> is null (409 if it exists), else replaces it if unchanged since
    /// read (412 otherwise). The article's ETag is updated, so it can be saved again conditionally. Values too long for
    /// a table property go to blobs first; those of the version replaced are deleted after.
    /// </summary>
    public async Task SaveArticleAsync(ArticleEntity article, ArticleEntity? expected, CancellationToken cancellationToken)
    {
        var before = article.StoredReferences;
        var spilled = await large.SpillAsync(article, cancellationToken);
        Response response;
        try
        {
            response = expected is null
                ? await storage.ArticlesTable.AddEntityAsync(article, cancellationToken)
                : await storage.ArticlesTable.UpdateEntityAsync(article, expected.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch
        {
            LargeProperties.Restore(article, spilled);
            article.StoredReferences = before;
            throw;
        }
        LargeProperties.Restore(article, spilled);
        article.ETag = response.Headers.ETag ?? default;
        await large.DeleteReplacedAsync(before, article, cancellationToken);
    }

    /// <summary>Every article record, for reconciliation and republishing, a page at a time: only the properties they compare.</summary>
    public async IAsyncEnumerable<IReadOnlyList<ArticleEntity>> ListArticleStatePagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await foreach (var page in storage.ArticlesTable.QueryAsync<ArticleEntity>(select: ArticleStateProperties, maxPerPage: ScanPageSize, cancellationToken: cancellationToken).AsPages())
        {
            yield return page.Values;
        }
    }

    /// <summary>A page of a tag's newest-first listing for readers: its articles and both its neighbours.</summary>
    public async Task<ListingPage> ListTagPageAsync(string tagSlug, int top, string? after, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return await ListingPaging.PageAsync(new SinglePartitionListing(storage.TagListingTable, TableKeys.ForSlug(tagSlug)), top, after, cancellationToken);
    }

    /// <summary>The newest <paramref name="top"/> articles of a tag (by its slug): one query of the tag's partition.</summary>
    public async Task<IReadOnlyList<ListingEntity>> ListTagAsync(string tagSlug, int top, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.ForSlug(tagSlug)}");
        await foreach (var page in storage.TagListingTable.QueryAsync<ListingEntity>(filter, maxPerPage: Math.Clamp(top, 1, ListingPaging.MaxPageSize), cancellationToken: cancellationToken).AsPages())
        {
            return page.Values.Count > top ? [.. page.Values.Take(top)] : [.. page.Values];
        }
        return [];
    }

    public Task UpsertTagListingAsync(ListingEntity entry, CancellationToken cancellationToken) =>
        storage.TagListingTable.UpsertEntityAsync(entry, TableUpdateMode.Replace, cancellationToken);

    public async Task DeleteTagListingAsync(string tagSlug, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await storage.TagListingTable.DeleteEntityAsync(tagSlug, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.IsStatus(404))
        {
            // Already gone: a crash after the delete, before the record said so.
        }
    }

    public Task<SourceEntity?> GetSourceAsync(string blobName, CancellationToken cancellationToken) =>
        GetSourceByKeyAsync(TableKeys.ForBlobName(blobName), cancellationToken);

    /// <summary>The source record whose partition is <paramref name="blobKey"/>, a <see cref="TableKeys.ForBlobName"/> key.</summary>
    public async Task<SourceEntity?> GetSourceByKeyAsync(string blobKey, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return await storage.SourcesTable.GetOrNullAsync<SourceEntity>(blobKey, TableKeys.SourceRow, cancellationToken);
    }

    /// <summary>Adds the source record when <paramref name="expected"/> is null (409 if it exists), else replaces it if unchanged since read (412 otherwise).</summary>
    public async Task SaveSourceAsync(SourceEntity source, SourceEntity? expected, CancellationToken cancellationToken)
    {
        if (expected is null)
        {
            await storage.SourcesTable.AddEntityAsync(source, cancellationToken);
        }
        else
        {
            await storage.SourcesTable.UpdateEntityAsync(source, expected.ETag, TableUpdateMode.Replace, cancellationToken);
        }
    }

    public async Task DeleteSourceAsync(string blobName, CancellationToken cancellationToken) =>
        await storage.SourcesTable.DeleteEntityAsync(TableKeys.ForBlobName(blobName), TableKeys.SourceRow, ETag.All, cancellationToken);

    /// <summary>Every source record, a page at a time: reconciliation holds one page, whatever the corpus.</summary>
    public async IAsyncEnumerable<IReadOnlyList<SourceEntity>> ListSourcePagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await foreach (var page in storage.SourcesTable.QueryAsync<SourceEntity>(SourceRows, maxPerPage: ScanPageSize, cancellationToken: cancellationToken).AsPages())
        {
            yield return page.Values;
        }
    }

    /// <summary>Rows per page of a whole-table scan: the most Table Storage returns at once.</summary>
    public const int ScanPageSize = 1000;

    /// <summary>What reconciliation and republishing compare of an article record, read in scans.</summary>
    private static readonly string[] ArticleStateProperties =
    [
        nameof(ArticleEntity.PartitionKey), nameof(ArticleEntity.Timestamp), nameof(ArticleEntity.Status), nameof(ArticleEntity.RecordHash), nameof(ArticleEntity.RenderedRecordHash),
        nameof(ArticleEntity.RenderVersion), nameof(ArticleEntity.PendingJson), nameof(ArticleEntity.PageBlob),
    ];

    private static readonly string SourceRows = TableClient.CreateQueryFilter($"RowKey eq {TableKeys.SourceRow}");

    /// <summary>
    /// Failed sources: refused by ingest, or a name storage cannot list. A property an entity lacks matches no
    /// comparison, so a source with no listing problem is not returned for it.
    /// </summary>
    private static readonly string FailedSourceRows =
        TableClient.CreateQueryFilter($"RowKey eq {TableKeys.SourceRow} and (Status eq {nameof(SourceStatus.Failed)} or ListingProblem gt {string.Empty})");

    private static readonly string RenderFailedArticleRows = TableClient.CreateQueryFilter($"RowKey eq {TableKeys.ArticleRow} and RenderFailure gt {string.Empty}");

    /// <summary>One page of the source records, from the start or from <paramref name="continuationToken"/>: one request.</summary>
    public async Task<TablePage<SourceEntity>> ReadSourcePageAsync(int size, string? continuationToken, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return await storage.SourcesTable.QueryPageAsync<SourceEntity>(SourceRows, size, continuationToken, select: null, cancellationToken);
    }

    /// <summary>One page of the failed source records (<see cref="FailedSourceRows"/>): one request, which may return none and a token.</summary>
    public async Task<TablePage<SourceEntity>> ReadFailedSourcePageAsync(int size, string? continuationToken, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return await storage.SourcesTable.QueryPageAsync<SourceEntity>(FailedSourceRows, size, continuationToken, select: null, cancellationToken);
    }

    /// <summary>One page of the article records, the properties of <see cref="ListArticleStatePagesAsync"/> only: one request.</summary>
    public async Task<TablePage<ArticleEntity>> ReadArticleStatePageAsync(int size, string? continuationToken, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return await storage.ArticlesTable.QueryPageAsync<ArticleEntity>(TableClient.CreateQueryFilter($"RowKey eq {TableKeys.ArticleRow}"), size, continuationToken,
            ArticleStateProperties, cancellationToken);
    }

    /// <summary>One page of the articles whose last render failed for good: slug, source blob and reason; one request.</summary>
    public async Task<TablePage<ArticleEntity>> ReadRenderFailurePageAsync(int size, string? continuationToken, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return await storage.ArticlesTable.QueryPageAsync<ArticleEntity>(RenderFailedArticleRows, size, continuationToken,
            [nameof(ArticleEntity.PartitionKey), nameof(ArticleEntity.Timestamp), nameof(ArticleEntity.SourceBlob), nameof(ArticleEntity.RenderFailure)], cancellationToken);
    }

    /// <summary>
    /// Records on a blob's source that storage cannot list it, with what the author should do; a write only when that
    /// changes. Nothing is recorded for a blob never processed: the reconciliation ingests it first.
    /// </summary>
    public async Task MarkUnlistableAsync(string blobName, string problem, CancellationToken cancellationToken)
    {
        if (await GetSourceAsync(blobName, cancellationToken) is not { } source || source.ListingProblem == problem)
        {
            return;
        }
        source.ListingProblem = problem;
        try
        {
            await storage.SourcesTable.UpdateEntityAsync(source, source.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.IsStatus(412))
        {
            // An ingest rewrote the record meanwhile; the next pass, still unable to list the blob, says so again.
        }
    }

    public Task<ReconcileStateEntity?> GetReconcileStateAsync(CancellationToken cancellationToken) =>
        storage.SourcesTable.GetOrNullAsync<ReconcileStateEntity>(TableKeys.ReconcileStatePartition, TableKeys.ReconcileStateRow, cancellationToken);

    public Task SaveReconcileStateAsync(ReconcileStateEntity state, CancellationToken cancellationToken) =>
        storage.SourcesTable.UpsertEntityAsync(state, TableUpdateMode.Replace, cancellationToken);

    public async Task DeleteReconcileStateAsync(CancellationToken cancellationToken) =>
        await storage.SourcesTable.DeleteEntityAsync(TableKeys.ReconcileStatePartition, TableKeys.ReconcileStateRow, ETag.All, cancellationToken);
}
