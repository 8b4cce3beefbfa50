using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Ingest;
using Serverless.Core.Linking;
using Serverless.Core.Parsing;
using Serverless.Core.Publishing;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// Puts a synthetic corpus into a site's storage as ingest leaves it (records, sources, index rows, document
/// frequencies), built with the production mappings (<see cref="ArticleRecords"/>, <see cref="RelatedArticles"/>) but
/// written in batches. Ingesting thousands of articles one by one is what Azurite cannot do quickly: it scans a whole
/// table for every partition query, where Azure reads one partition.
/// </summary>
public static class CorpusSeeder
{
    /// <summary>Seeds the corpus as stage 1 leaves it, into the storage of a site's services (<c>site.Get&lt;IServiceProvider&gt;()</c>).</summary>
    public static Task SeedAsync(IServiceProvider services, int count, CancellationToken cancellationToken) =>
        SeedAsync(services, count, rendered: false, cancellationToken);

    /// <summary>
    /// Seeds the corpus as both stages leave it: as <see cref="SeedAsync(IServiceProvider, int, CancellationToken)"/>, plus each
    /// article's uploaded blob and stored body (its source recording the blob's MD5, as ingest does) and its page rendered by the
    /// production renderer and recorded as current, with its listing row. Reconciliation then finds nothing to ingest or
    /// render, and every page is served (the feeds and sitemap, which stage 2's site outputs write, are not): a settled site of <paramref name="count"/> articles, for measuring what one costs at rest.
    /// </summary>
    public static Task SeedPublishedAsync(IServiceProvider services, int count, CancellationToken cancellationToken) =>
        SeedAsync(services, count, rendered: true, cancellationToken);

    private static async Task SeedAsync(IServiceProvider services, int count, bool rendered, CancellationToken cancellationToken)
    {
        T Get<T>() where T : notnull => services.GetRequiredService<T>();
        var storage = Get<StorageClients>();
        await storage.EnsureCreatedAsync(cancellationToken);
        var parser = Get<ArticleParser>();
        var version = Get<PipelineVersion>();
        var created = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var articles = Enumerable.Range(0, count).Select(index =>
        {
            var (blobName, _, content) = SyntheticCorpus.Article(index);
            return (BlobName: blobName, Content: content, Article: parser.Parse(new ArticleSource(blobName, content, created, created)));
        }).ToList();
        var documentFrequency = articles.SelectMany(item => item.Article.Terms.Keys).GroupBy(term => term, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);

        var records = new List<StoredArticle>();
        var entries = new List<ArticleIndex.Entry>();
        var sources = new List<SourceEntity>();
        var uploads = new List<(BlobContainerClient Container, string Name, byte[] Content, SourceEntity? Source)>();
        foreach (var (blobName, content, article) in articles)
        {
            var record = new ArticleEntity { PartitionKey = article.Slug };
            var bodyBlob = BodyStore.BlobNameFor(article.Slug, "seed");
            var keywords = RelatedArticles.WeighKeywords(article.Terms, term => documentFrequency[term], count);
            ArticleRecords.Fill(record, article, blobName, created, bodyBlob, ArticleRecords.Hash(article, bodyBlob, version.Ingest), keywords, weighedCorpus: count);
            var rows = ArticleRecords.IndexEntries(record).ToList();
            record.Indexed = new IndexState([.. rows.Select(ArticleIndex.RowOf)], [.. article.Terms.Keys], InCorpus: true);
            var outputs = ArticleOutputsEntity.None(article.Slug);
            records.Add(new StoredArticle(record, outputs));
            entries.AddRange(rows);
            var source = Source(blobName, article.Slug, version.Ingest);
            sources.Add(source);
            if (rendered)
            {
                var bytes = Encoding.UTF8.GetBytes(content);
#pragma warning disable CA5351 // Content-MD5, as storage reports it in listings and ingest records it: change detection only.
                source.ContentMd5 = Convert.ToBase64String(MD5.HashData(bytes));
#pragma warning restore CA5351
                uploads.Add((storage.Articles, blobName, bytes, source));
                uploads.Add((storage.Bodies, bodyBlob, Encoding.UTF8.GetBytes(article.BodyHtml), null));
                var html = Get<ArticlePageRenderer>().RenderUtf8(ArticlePage.Standalone(article));
                outputs.PageHash = Convert.ToHexStringLower(SHA256.HashData(html))[..32];
                outputs.PageBlob = PageStore.BlobNameFor(article.Slug, outputs.PageHash);
                outputs.RenderedRecordHash = record.RecordHash;
                outputs.RenderVersion = version.Render;
                outputs.ListingRowKey = TableKeys.ListingRow(article.Published, article.Slug);
                uploads.Add((storage.Pages, outputs.PageBlob, html, null));
            }
        }
        var counts = documentFrequency.Select(pair => new TermCountEntity { RowKey = pair.Key, Count = pair.Value })
            .Append(new TermCountEntity { RowKey = TableKeys.CorpusRow, Count = articles.Count });

        // Blobs before records, as publishing orders them: a record never names a page that is not there, and each
        // source records its blob's ETag as ingest does.
        await Parallel.ForEachAsync(uploads, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (upload, token) =>
        {
            var uploaded = await upload.Container.GetBlobClient(upload.Name).UploadAsync(BinaryData.FromBytes(upload.Content), overwrite: true, token);
            if (upload.Source is { } source)
            {
                source.BlobETag = uploaded.Value.ETag.ToString();
                source.BlobLastModified = uploaded.Value.LastModified;
            }
        });

        var index = Get<ArticleIndex>();
        var batches = entries.Select(entry => (Table: index.Table(entry.Table), entry.Entity))
            .Concat(counts.Select(row => (Table: storage.KeywordsTable, Entity: (ITableEntity)row)))
            .Concat(records.Select(stored => (Table: storage.ArticlesTable, Entity: (ITableEntity)stored.Record)))
            .Concat(records.Where(stored => stored.Outputs.PageBlob is not null).Select(stored => (Table: storage.ArticlesTable, Entity: (ITableEntity)stored.Outputs)))
            .Concat(sources.Select(source => (Table: storage.SourcesTable, Entity: (ITableEntity)source)))
            .Concat(records.Where(stored => stored.Outputs.ListingRowKey is not null)
                .Select(stored => (Table: storage.ListingTable, Entity: (ITableEntity)ListingEntity.For(stored, stored.Outputs.ListingRowKey!))))
            .Concat(records.Where(stored => stored.Outputs.ListingRowKey is not null)
                .Select(record => ListingMonth.Of(record.Published)).Distinct().SelectMany(ListingMonthEntity.For)
                .Select(month => (Table: storage.ListingTable, Entity: (ITableEntity)month)))
            .GroupBy(row => (row.Table.Name, row.Entity.PartitionKey))
            .SelectMany(group => group.Chunk(100).Select(chunk => (group.First().Table, Entities: chunk.Select(row => row.Entity).ToList())));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                if (batch.Entities.Count == 1)
                {
                    await batch.Table.UpsertEntityAsync(batch.Entities[0], TableUpdateMode.Replace, token);
                }
                else
                {
                    await batch.Table.SubmitTransactionAsync(batch.Entities.Select(entity => new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity)), token);
                }
            });
    }

    private static SourceEntity Source(string blobName, string slug, string ingestVersion) => new()
    {
        PartitionKey = TableKeys.ForBlobName(blobName),
        BlobName = blobName,
        Status = nameof(SourceStatus.Published),
        Slug = slug,
        ContentMd5 = Convert.ToBase64String(Encoding.UTF8.GetBytes(slug)),
        IngestVersion = ingestVersion,
        ProcessedAt = DateTimeOffset.UtcNow,
    };
}
