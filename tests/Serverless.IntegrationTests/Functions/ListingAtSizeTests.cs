using Serverless.Core.Http;
using Serverless.Core.Ingest;
using Serverless.Core.Parsing;
using Serverless.Core.Render;
using Serverless.Core.Storage;
using Serverless.Functions.Http;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// The listing routes (the JSON listing, the home page, the feeds) read only the newest rows or a stored file, so a cold
/// request costs the same storage requests in a corpus of 10,000 articles as in one of 100. Deterministic, so tested.
/// The corpus is what these routes read: the articles' rows in the newest-first listing, as stage 2 writes them
/// (seeding the whole corpus with <see cref="CorpusSeeder"/> took over 10 minutes for 10,000 on a loaded machine).
/// It keeps Azurite busy, so this runs alone, with <see cref="PublishCostTests"/>.
/// </summary>
[Collection(PublishCostTests.Name)]
public sealed class ListingAtSizeTests(AzuriteFixture azurite)
{
    private static readonly string[] Routes = ["/api/articles?top=20", "/", "/feed.xml", "/atom.xml"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Listing_home_page_and_feeds_cost_the_same_storage_requests_at_100_and_at_10000_articles()
    {
        var small = await MeasureAsync(100);
        var large = await MeasureAsync(10_000);

        foreach (var route in Routes)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{route}: {small[route]} storage requests at 100 articles, {large[route]} at 10000");
        }
        Assert.Equal(small, large);
    }

    /// <summary>Storage requests of one cold request of each route, in a site holding <paramref name="corpusSize"/> published articles.</summary>
    private async Task<Dictionary<string, int>> MeasureAsync(int corpusSize)
    {
        await using var publisher = new TestSite(azurite);
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        await SeedListingAsync(publisher, corpusSize);
        // One article published through both stages, and the site-file stage, writes the feeds from the listing, as every
        // publish does. Only its own render runs: the seeded articles have records but no bodies, so their renders
        // (related pages) are dropped.
        var (blobName, slug, content) = SyntheticCorpus.Article(corpusSize);
        await publisher.TriggerIngestAsync(await publisher.UploadAsync(blobName, content));
        await publisher.Get<OutputPublisher>().RenderAsync(slug, Cancellation);
        await publisher.Get<StorageClients>().RenderQueue.ClearMessagesAsync(Cancellation);
        await publisher.DrainRenderQueueAsync(); // the site-file stage: the feeds
        TestContext.Current.TestOutputHelper?.WriteLine($"seeded and published {corpusSize + 1} in {seeding.Elapsed.TotalSeconds:0.0} s");

        // A second deployment on the same storage with no server cache: every request below is cold.
        await using var reader = new TestSite(azurite, new Dictionary<string, string?>(publisher.Settings) { ["Site:ServerCacheSeconds"] = "0" });
        // Creating the tables and containers, and asking whether listing rows of before months remain, is the
        // instance's start-up, not a request's cost.
        await reader.Get<StorageClients>().EnsureCreatedAsync(Cancellation);
        await reader.Get<LegacyListing>().HoldsRowsAsync(Cancellation);
        var counts = new Dictionary<string, int>();
        foreach (var route in Routes)
        {
            reader.Requests.Reset();
            Assert.Equal(200, (await GetAsync(reader, route)).StatusCode);
            counts[route] = reader.Requests.Total;
        }
        return counts;
    }

    /// <summary>
    /// The listing rows of <paramref name="count"/> articles of <see cref="SyntheticCorpus"/>, mapped as stage 2 maps
    /// them, four published a day back from the end of 2024: the newest month holds a page at either size (what a cold
    /// page costs depends on that, not on the corpus), and 10,000 span seven years of months.
    /// </summary>
    private static async Task SeedListingAsync(TestSite site, int count)
    {
        var parser = site.Get<ArticleParser>();
        var created = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var newest = new DateTimeOffset(2024, 12, 31, 18, 0, 0, TimeSpan.Zero);
        var rows = Enumerable.Range(0, count).Select(index =>
        {
            var (blobName, _, content) = SyntheticCorpus.Article(index);
            var article = parser.Parse(new ArticleSource(blobName, content, created, created));
            var record = new ArticleEntity { PartitionKey = article.Slug };
            ArticleRecords.Fill(record, article, blobName, created, BodyStore.BlobNameFor(article.Slug, "seed"), "seed", new Dictionary<string, double>(), weighedCorpus: 0);
            record.Published = newest.AddHours(-6 * index);
            return ListingEntity.For(new StoredArticle(record, ArticleOutputsEntity.None(record.Slug)), TableKeys.ListingRow(record.Published, record.Slug));
        });
        await ListingSeeder.SeedAsync(site.Get<StorageClients>(), rows, Cancellation);
    }

    private static async Task<HttpResponseSnapshot> GetAsync(TestSite site, string route)
    {
        var context = site.NewHttpContext(route);
        return route switch
        {
            "/" => await HttpResponseSnapshot.ExecuteAsync(await new PageFunctions(site.Get<PageHandlers>()).GetIndexPage(context.Request, Cancellation), context),
            _ when route.StartsWith("/api/articles", StringComparison.Ordinal) => await HttpResponseSnapshot.ExecuteAsync(await new ApiFunctions(site.Get<ApiHandlers>()).ListArticles(context.Request, Cancellation), context),
            _ => await site.GetSiteFileAsync(route),
        };
    }
}
