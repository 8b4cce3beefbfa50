using System.Text;
using Azure.Data.Tables;
using Serverless.Core.Linking;
using Serverless.Core.Parsing;
using Serverless.Core.Publishing;
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
    public static async Task SeedAsync(TestSite site, int count, CancellationToken cancellationToken)
    {
        var storage = site.Get<StorageClients>();
        await storage.EnsureCreatedAsync(cancellationToken);
        var parser = site.Get<ArticleParser>();
        var version = site.Get<PipelineVersion>();
        var created = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var articles = Enumerable.Range(0, count).Select(index =>
        {
            var (blobName, _, content) = SyntheticCorpus.Article(index);
            return (BlobName: blobName, Article: parser.Parse(new ArticleSource(blobName, content, created, created)));
        }).ToList();
        var documentFrequency = articles.SelectMany(item => item.Article.Terms.Keys).GroupBy(term => term, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);

        var records = new List<ArticleEntity>();
        var entries = new List<ArticleIndex.Entry>();
        foreach (var (blobName, article) in articles)
        {
            var record = new ArticleEntity { PartitionKey = article.Slug };
            var bodyBlob = BodyStore.BlobNameFor(article.Slug, "seed");
            var keywords = RelatedArticles.WeighKeywords(article.Terms, term => documentFrequency[term], count);
            ArticleRecords.Fill(record, article, blobName, created, bodyBlob, ArticleRecords.Hash(article, bodyBlob, version.Ingest), keywords);
            var rows = ArticleRecords.IndexEntries(record).ToList();
            record.Indexed = new IndexState([.. rows.Select(ArticleIndex.RowOf)], [.. article.Terms.Keys], InCorpus: true);
            records.Add(record);
            entries.AddRange(rows);
        }
        var counts = documentFrequency.Select(pair => new TermCountEntity { RowKey = pair.Key, Count = pair.Value })
            .Concat(articles.GroupBy(item => TableKeys.CorpusShardRow(item.Article.Slug)).Select(shard => new TermCountEntity { RowKey = shard.Key, Count = shard.Count() }));

        var index = site.Get<ArticleIndex>();
        var batches = entries.Select(entry => (Table: index.Table(entry.Table), entry.Entity))
            .Concat(counts.Select(row => (Table: storage.KeywordsTable, Entity: (ITableEntity)row)))
            .Concat(records.Select(record => (Table: storage.ArticlesTable, Entity: (ITableEntity)record)))
            .Concat(articles.Select(item => (Table: storage.SourcesTable, Entity: (ITableEntity)Source(item.BlobName, item.Article.Slug, version.Ingest))))
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
