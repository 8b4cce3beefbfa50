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
            var row = await storage.ArticlesTable.GetOrNullAsync<TableEntity>(TableKeys.ForSlug(slug), TableKeys.ArticleRow, cancellationToken);
            if (row is null)
            {
                return null;
            }
            var article = RecordOf(row);
            if (await large.LoadAsync(article, cancellationToken) || read == MaxReads)
            {
                return article;
            }
        }
    }

    /// <summary>
    /// The article's record and its outputs' state, with their large values read in: one query of the partition for
    /// most articles. An article never rendered has outputs that serve nothing (<see cref="ArticleOutputsEntity.None"/>).
    /// </summary>
    public async Task<StoredArticle?> GetStoredArticleAsync(string slug, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.ForSlug(slug)} and (RowKey eq {TableKeys.ArticleRow} or RowKey eq {TableKeys.OutputsRow})");
        for (var read = 1; ; read++)
        {
            TableEntity? recordRow = null;
            TableEntity? outputsRow = null;
            await foreach (var row in storage.ArticlesTable.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                if (row.RowKey == TableKeys.ArticleRow)
                {
                    recordRow = row;
                }
                else
                {
                    outputsRow = row;
                }
            }
            if (recordRow is null)
            {
                return null;
            }
            var article = Join(recordRow, outputsRow);
            if (await large.LoadAsync(article.Record, cancellationToken) && await large.LoadAsync(article.Outputs, cancellationToken) || read == MaxReads)
            {
                return article;
            }
        }
    }

    /// <summary>
    /// Adds the record when <paramref name="expected"/> is null (409 if it exists), else replaces it if unchanged since
    /// read (412 otherwise). The record's ETag is updated, so it can be saved again conditionally. Values too long for
    /// a table property go to blobs first; those of the version replaced are deleted after.
    /// </summary>
    public async Task SaveArticleAsync(ArticleEntity article, ArticleEntity? expected, CancellationToken cancellationToken)
    {
        if (expected?.LegacyRow is { } legacyRow)
        {
            // Written before the split: the outputs' state moves to its own row before the replace drops its columns.
            // Taken as stored, so the blobs its long values refer to stay its own. Already there if a render moved it.
            try
            {
                await storage.ArticlesTable.AddEntityAsync(ArticleOutputsEntity.FromLegacyRow(legacyRow), cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.IsStatus(409))
            {
            }
            expected.LegacyRow = article.LegacyRow = null;
        }
        await SaveRowAsync(article, add: expected is null, expected?.ETag ?? default, cancellationToken);
    }

    /// <summary>
    /// Saves the outputs' state: adds the row when it was not stored (409 if a concurrent render added it), else
    /// replaces it if unchanged since read (412 otherwise). Never touches the record.
    /// </summary>
    public Task SaveOutputsAsync(ArticleOutputsEntity outputs, CancellationToken cancellationToken) =>
        SaveRowAsync(outputs, add: !outputs.IsStored, outputs.ETag, cancellationToken);

    private async Task SaveRowAsync<T>(T row, bool add, ETag ifMatch, CancellationToken cancellationToken) where T : class, IHasLargeProperties<T>
    {
        var before = row.StoredReferences;
        var spilled = await large.SpillAsync(row, cancellationToken);
        Response response;
        try
        {
            response = add
                ? await storage.ArticlesTable.AddEntityAsync(row, cancellationToken)
                : await storage.ArticlesTable.UpdateEntityAsync(row, ifMatch, TableUpdateMode.Replace, cancellationToken);
        }
        catch
        {
            LargeProperties.Restore(row, spilled);
            row.StoredReferences = before;
            throw;
        }
        LargeProperties.Restore(row, spilled);
        row.ETag = response.Headers.ETag ?? default;
        await large.DeleteReplacedAsync(before, row, cancellationToken);
    }

    /// <summary>The record a row holds; one written before the split keeps its row, whose outputs' columns it still holds.</summary>
    private static ArticleEntity RecordOf(TableEntity row)
    {
        var record = TableRowBinder.Bind<ArticleEntity>(row);
        record.LegacyRow = ArticleOutputsEntity.HasLegacyColumns(row) ? row : null;
        return record;
    }

    /// <summary>An article from its rows: the outputs row when there is one, else the outputs' columns of a record written before the split.</summary>
    private static StoredArticle Join(TableEntity recordRow, TableEntity? outputsRow)
    {
        var record = RecordOf(recordRow);
        if (outputsRow is not null)
        {
            record.LegacyRow = null; // moved already: the columns left in the record are stale
            return new StoredArticle(record, TableRowBinder.Bind<ArticleOutputsEntity>(outputsRow));
        }
        return new StoredArticle(record, record.LegacyRow is { } legacy ? ArticleOutputsEntity.FromLegacyRow(legacy) : ArticleOutputsEntity.None(record.Slug));
    }

    /// <summary>
    /// Every article, records and outputs' state, for reconciliation, a page at a time: only the properties it compares.
    /// A partition's two rows are consecutive in a scan, so an article split by a page boundary is joined across it.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<StoredArticle>> ListArticleStatePagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        TableEntity? held = null;
        await foreach (var page in storage.ArticlesTable.QueryAsync<TableEntity>(ArticleAndOutputsRows, select: ArticleStateProperties, maxPerPage: ScanPageSize, cancellationToken: cancellationToken).AsPages())
        {
            var articles = new List<StoredArticle>();
            foreach (var row in page.Values)
            {
                if (row.RowKey == TableKeys.ArticleRow)
                {
                    if (held is not null)
                    {
                        articles.Add(Join(held, null));
                    }
                    held = row;
                }
                else if (held?.PartitionKey == row.PartitionKey)
                {
                    articles.Add(Join(held, row));
                    held = null;
                }
            }
            yield return articles;
        }
        if (held is not null)
        {
            yield return [Join(held, null)];
        }
    }

    /// <summary>A page of a tag's newest-first listing for readers: its articles and both its neighbours.</summary>
    public Task<ListingPage> ListTagPageAsync(string tagSlug, int top, string? after, CancellationToken cancellationToken) =>
        ListGroupPageAsync(TableKeys.ForSlug(tagSlug), top, after, cancellationToken);

    /// <summary>A page of an author's newest-first listing for readers, as <see cref="ListTagPageAsync"/>.</summary>
    public Task<ListingPage> ListAuthorPageAsync(string authorSlug, int top, string? after, CancellationToken cancellationToken) =>
        ListGroupPageAsync(TableKeys.AuthorListingPartition(authorSlug), top, after, cancellationToken);

    private async Task<ListingPage> ListGroupPageAsync(string partition, int top, string? after, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return await ListingPaging.PageAsync(new SinglePartitionListing(storage.TagListingTable, partition), top, after, cancellationToken);
    }

    /// <summary>
    /// The articles either side of the RowKey <paramref name="rowKey"/> among those whose first tag has this slug
    /// (<see cref="TableKeys.NeighbourPartition"/>), the article there (if indexed) left out: two queries when none is
    /// newer, three when the newer one was published within a day.
    /// </summary>
    public async Task<ListingNeighbours> TagNeighboursAsync(string tagSlug, string rowKey, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return await ListingPaging.NeighboursAsync(new SinglePartitionListing(storage.KeywordsTable, TableKeys.NeighbourPartition(tagSlug)), rowKey, cancellationToken);
    }

    /// <summary>Every article in an author's listing, newest first, with its slug and authors only: 1,000 a query.</summary>
    public async IAsyncEnumerable<ListingEntity> ListAuthorRowsAsync(string authorSlug, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.AuthorListingPartition(authorSlug)}");
        await foreach (var row in storage.TagListingTable.QueryAsync<ListingEntity>(filter,
            select: [nameof(ListingEntity.Slug), nameof(ListingEntity.Author), nameof(ListingEntity.AuthorsJson)], cancellationToken: cancellationToken))
        {
            yield return row;
        }
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

    /// <summary>
    /// The sources a page at a time, with only what the reconciliation compares with a listing (not the messages and
    /// warnings): one request per 1,000 sources.
    /// </summary>
    public async IAsyncEnumerable<IReadOnlyList<SourceEntity>> ListSourceStatePagesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await foreach (var page in storage.SourcesTable.QueryAsync<SourceEntity>(SourceRows, maxPerPage: ScanPageSize, select: SourceStateProperties, cancellationToken: cancellationToken).AsPages())
        {
            yield return page.Values;
        }
    }

    private static readonly string[] SourceStateProperties =
    [
        nameof(SourceEntity.PartitionKey), nameof(SourceEntity.RowKey), nameof(SourceEntity.BlobName), nameof(SourceEntity.Status), nameof(SourceEntity.ContentMd5),
        nameof(SourceEntity.BlobETag), nameof(SourceEntity.IngestVersion), nameof(SourceEntity.Settled), nameof(SourceEntity.ReleaseAt),
    ];

    /// <summary>Rows per page of a whole-table scan: the most Table Storage returns at once.</summary>
    public const int ScanPageSize = 1000;

    /// <summary>What reconciliation and republishing compare of an article, read in scans: from the record, then from the outputs' state.</summary>
    private static readonly string[] ArticleStateProperties =
    [
        nameof(ArticleEntity.PartitionKey), nameof(ArticleEntity.RowKey), nameof(ArticleEntity.Timestamp), nameof(ArticleEntity.Status), nameof(ArticleEntity.RecordHash), nameof(ArticleEntity.WeighedCorpus),
        nameof(ArticleOutputsEntity.RenderedRecordHash), nameof(ArticleOutputsEntity.RenderVersion), nameof(ArticleOutputsEntity.PendingJson), nameof(ArticleOutputsEntity.PageBlob),
    ];

    private static readonly string ArticleAndOutputsRows = TableClient.CreateQueryFilter($"RowKey eq {TableKeys.ArticleRow} or RowKey eq {TableKeys.OutputsRow}");

    private static readonly string SourceRows = TableClient.CreateQueryFilter($"RowKey eq {TableKeys.SourceRow}");

    /// <summary>
    /// Failed sources: refused by ingest, or a name storage cannot list. A property an entity lacks matches no
    /// comparison, so a source with no listing problem is not returned for it.
    /// </summary>
    private static readonly string FailedSourceRows =
        TableClient.CreateQueryFilter($"RowKey eq {TableKeys.SourceRow} and (Status eq {nameof(SourceStatus.Failed)} or ListingProblem gt {string.Empty})");

    /// <summary>Outputs rows with a render failure; and record rows written before the split, whose columns may be stale (the status read says).</summary>
    private static readonly string RenderFailedArticleRows =
        TableClient.CreateQueryFilter($"(RowKey eq {TableKeys.OutputsRow} or RowKey eq {TableKeys.ArticleRow}) and RenderFailure gt {string.Empty}");

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

    /// <summary>One page of the articles whose last render failed for good, by slug (once each); one request.</summary>
    public async Task<TablePage<string>> ReadRenderFailurePageAsync(int size, string? continuationToken, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var page = await storage.ArticlesTable.QueryPageAsync<TableEntity>(RenderFailedArticleRows, size, continuationToken,
            [nameof(ITableEntity.PartitionKey), nameof(ITableEntity.RowKey)], cancellationToken);
        return new TablePage<string>([.. page.Items.Select(row => row.PartitionKey).Distinct(StringComparer.Ordinal)], page.ContinuationToken);
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
