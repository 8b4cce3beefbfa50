using Serverless.Core.Ingest;
using Serverless.Core.Render;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// The storage requests one publish and one unpublish cost, counted by a pipeline policy, in a corpus of 100 and of
/// 5,000 articles: the indexes make them independent of the corpus size. Deterministic, so tested; the figures are
/// reported in benchmarks/README.md. Seeding 5,000 articles keeps Azurite busy for a while, so this runs alone, after
/// the tests that run in parallel.
/// </summary>
[Collection(Name)]
public sealed class PublishCostTests(AzuriteFixture azurite)
{
    public const string Name = "Publish cost";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>
    /// Requests of stage 1 and of the article's own render, and render messages sent; apart, the requests of the merger's
    /// pass applying the article's counts, which the site-file stage makes once per window for all publishes.
    /// </summary>
    private sealed record Cost(int Ingest, int Render, int Messages, int Merge)
    {
        public int Total => Ingest + Render;
    }

    [Fact]
    public async Task Publishing_and_unpublishing_cost_the_documented_requests_in_a_corpus_of_100_as_of_5000()
    {
        var (publishSmall, unpublishSmall) = await MeasureAsync(100);
        var (publishLarge, unpublishLarge) = await MeasureAsync(5_000);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"publish: {publishSmall} in 100, {publishLarge} in 5000; unpublish: {unpublishSmall} in 100, {unpublishLarge} in 5000");
        Assert.Equal(publishSmall, publishLarge);
        Assert.Equal(unpublishSmall, unpublishLarge);
        // The counts benchmarks/README.md documents ("Storage requests of one publish"): a change that moves them updates both.
        Assert.Equal(DocumentedPublish, publishSmall);
        Assert.Equal(DocumentedUnpublish, unpublishSmall);
    }

    // Render 36: one read of the uploaded theme sheet (SiteThemeSheet: a 404 or a 304 while nothing changed), since pages name its version.
    // Render 34: the share card written without asking first whether it exists (one conditional write).
    // Render 35: the previous/next links, two queries of the first tag's neighbour index (the older, the newest: none is newer);
    // the listing rows it will write recorded with the switch, not in a write of their own; the body the ingest wrote
    // held in memory for the page and the search document (BodyStore: on another instance, one read, 36).
    // Ingest 34: the article's row in that index, and the same two queries around its place, for the neighbours to render
    // (none here: alone in its tag). An article with an author and no author_fediverse adds one read of the profile file
    // at render (this one has none).
    private static readonly Cost DocumentedPublish = new(Ingest: 34, Render: 34, Messages: 1, Merge: 10);

    // Ingest 42: the article's neighbour row deleted, and two queries around the place it leaves, for its neighbours to render.
    private static readonly Cost DocumentedUnpublish = new(Ingest: 42, Render: 13, Messages: 2, Merge: 10);

    private async Task<(Cost Publish, Cost Unpublish)> MeasureAsync(int corpusSize)
    {
        await using var site = new TestSite(azurite);
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        await CorpusSeeder.SeedAsync(site.Get<IServiceProvider>(), corpusSize, Cancellation);
        TestContext.Current.TestOutputHelper?.WriteLine($"seeded {corpusSize} in {seeding.Elapsed.TotalSeconds:0.0} s");
        var queue = site.Get<StorageClients>().RenderQueue;
        var (blobName, slug, topicContent) = SyntheticCorpus.Article(corpusSize, topic: 0);
        // Alone in its tag, as a story opening a new subject is: its previous and next links, and the articles either side
        // of it, cost their fewest requests (with neighbours, up to one query and one render message more per tag).
        var content = topicContent.Replace($"tags: [{SyntheticCorpus.Word(99)}]", "tags: [Cost probe]", StringComparison.Ordinal);
        Assert.NotEqual(topicContent, content);
        var blob = await site.UploadAsync(blobName, content);

        site.Requests.Reset();
        Assert.Equal(PublishStatus.Published, (await site.TriggerIngestAsync(blob)).Status);
        var publishIngest = site.Requests.Total;
        Report(corpusSize, "publish, ingest", site);
        var publishMessages = (await queue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount;
        var publishMerge = await MergeAsync(site);
        site.Requests.Reset();
        await site.Get<OutputPublisher>().RenderAsync(slug, Cancellation);
        Report(corpusSize, "publish, render", site);
        var publish = new Cost(publishIngest, site.Requests.Total, publishMessages, publishMerge);
        await queue.ClearMessagesAsync(Cancellation);

        await blob.DeleteAsync(cancellationToken: Cancellation);
        site.Requests.Reset();
        Assert.Equal(PublishStatus.Removed, (await site.TriggerIngestAsync(blob)).Status);
        var unpublishIngest = site.Requests.Total;
        Report(corpusSize, "unpublish, ingest", site);
        var unpublishMessages = (await queue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount;
        var unpublishMerge = await MergeAsync(site);
        site.Requests.Reset();
        await site.Get<OutputPublisher>().RenderAsync(slug, Cancellation);
        return (publish, new Cost(unpublishIngest, site.Requests.Total, unpublishMessages, unpublishMerge));
    }

    private static void Report(int corpusSize, string step, TestSite site) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{step} in {corpusSize}: {site.Requests.Total} ({site.Requests.Breakdown})");

    /// <summary>The requests of a merger's pass over the counts one ingest left pending.</summary>
    private static async Task<int> MergeAsync(TestSite site)
    {
        site.Requests.Reset();
        Assert.Equal(1, (await site.Get<DocumentFrequencyMerger>().MergeAsync(Cancellation)).Merged);
        return site.Requests.Total;
    }
}

/// <summary>Runs its tests on their own, once the parallel ones are done.</summary>
[CollectionDefinition(PublishCostTests.Name, DisableParallelization = true)]
public sealed class PublishCostRunsAlone;
