using System.Text.Json;
using Serverless.Core.Render;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// The indexes read whole before an import's held renders go (<see cref="IndexSnapshot"/>, through
/// <see cref="IndexReadCache.HoldSnapshotAsync"/>): a render fresh enough for it finds in it what its queries would
/// have, and reads none of the index tables; a render asked for after it reads the tables.
/// </summary>
public sealed class IndexSnapshotTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private const int Articles = 30;

    [Fact]
    public async Task Render_inputs_loaded_from_the_snapshot_equal_those_read_from_the_tables_and_read_no_index_table()
    {
        await using var site = new TestSite(azurite);
        var corpus = await PublishAsync(site, Articles);
        var loader = site.Get<RenderInputsLoader>();
        var records = await RecordsAsync(site, corpus);
        var fromTables = new List<string>();
        foreach (var record in records)
        {
            fromTables.Add(Shown(await loader.LoadAsync(record, Cancellation, freshAfter: null)));
        }

        var snapshot = await site.Get<IndexReadCache>().HoldSnapshotAsync(10_000, Cancellation);
        site.Requests.Reset();
        var fromSnapshot = new List<string>();
        foreach (var record in records)
        {
            fromSnapshot.Add(Shown(await loader.LoadAsync(record, Cancellation, freshAfter: snapshot.ReadAt.AddMilliseconds(-1))));
        }

        Assert.Equal(fromTables, fromSnapshot);
        Assert.Contains(fromTables, inputs => inputs.Contains("\"Backlinks\":[{", StringComparison.Ordinal));
        var storage = site.Get<StorageClients>();
        Assert.Equal(0, site.Requests.To(storage.TitlesTable.Name) + site.Requests.To(storage.CitationsTable.Name) + site.Requests.To(storage.KeywordsTable.Name));
    }

    [Fact]
    public async Task A_render_asked_for_after_the_snapshot_reads_the_tables()
    {
        await using var site = new TestSite(azurite);
        var corpus = await PublishAsync(site, 3);
        var cited = corpus[0];
        var snapshot = await site.Get<IndexReadCache>().HoldSnapshotAsync(10_000, Cancellation);
        var citing = """
            ---
            title: "A late citing article"
            slug: late-citing-article
            date: 2024-05-01T08:00:00Z
            ---
            It follows [the earlier report](/articles/CITED).
            """.Replace("CITED", cited.Slug, StringComparison.Ordinal);
        await site.PublishAsync("corpus/late-citing-article.md", citing);
        var record = (await RecordsAsync(site, [cited]))[0];
        var loader = site.Get<RenderInputsLoader>();

        var asKnownThen = await loader.LoadAsync(record, Cancellation, freshAfter: snapshot.ReadAt.AddMilliseconds(-1));
        var asKnownNow = await loader.LoadAsync(record, Cancellation, freshAfter: snapshot.ReadAt.AddSeconds(1));

        Assert.DoesNotContain(asKnownThen.Backlinks, backlink => backlink.Slug == "late-citing-article");
        Assert.Contains(asKnownNow.Backlinks, backlink => backlink.Slug == "late-citing-article");
    }

    [Fact]
    public async Task A_table_with_more_rows_than_the_bound_is_not_held_and_its_lookups_read_it()
    {
        await using var site = new TestSite(azurite);
        var corpus = await PublishAsync(site, 5);
        var record = (await RecordsAsync(site, [corpus[0]]))[0];
        var expected = Shown(await site.Get<RenderInputsLoader>().LoadAsync(record, Cancellation, freshAfter: null));

        // Five titles, and more rows than that in each other index.
        var snapshot = await site.Get<IndexReadCache>().HoldSnapshotAsync(maxRows: 4, Cancellation);
        site.Requests.Reset();
        var inputs = Shown(await site.Get<RenderInputsLoader>().LoadAsync(record, Cancellation, freshAfter: snapshot.ReadAt.AddMilliseconds(-1)));

        Assert.Equal(0, snapshot.Rows);
        Assert.Null(snapshot.FindTitle("anything"));
        Assert.Equal(expected, inputs);
        Assert.True(site.Requests.To("GET", site.Get<StorageClients>().TitlesTable.Name) > 0, "the titles are read from their table");
    }

    /// <summary>What a page shows of its inputs, and the pages it would offer itself to.</summary>
    private static string Shown(RenderInputs inputs) =>
        JsonSerializer.Serialize(new { inputs.Targets, inputs.Backlinks, inputs.MoreBacklinks, inputs.Related, inputs.Offers, inputs.Neighbours });

    private static async Task<List<(string BlobName, string Slug, string Content)>> PublishAsync(TestSite site, int size)
    {
        var corpus = Enumerable.Range(0, size).Select(index => SyntheticCorpus.LinkedArticle(index, size)).ToList();
        foreach (var article in corpus)
        {
            await site.TriggerIngestAsync(await site.UploadAsync(article.BlobName, article.Content));
        }
        await site.DrainRenderQueueAsync(concurrency: 8);
        return corpus;
    }

    private static async Task<List<ArticleEntity>> RecordsAsync(TestSite site, IEnumerable<(string BlobName, string Slug, string Content)> articles)
    {
        var records = new List<ArticleEntity>();
        foreach (var article in articles)
        {
            records.Add((await site.Get<ArticleRepository>().GetArticleAsync(article.Slug, Cancellation))!);
        }
        return records;
    }
}
