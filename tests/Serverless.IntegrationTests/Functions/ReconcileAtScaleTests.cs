using Serverless.Core.Admin;
using Serverless.Core.Ingest;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// The reconciliation holds a page at a time, whatever the corpus: a pass over thousands of settled sources retains a
/// bounded amount of managed memory. Measured as the live heap (a full collection before each sample) sampled while the
/// pass runs, above the live heap just before it. Alone, after the parallel tests, so no other test's memory is counted.
/// </summary>
[Collection(PublishCostTests.Name)]
public sealed class ReconcileAtScaleTests(AzuriteFixture azurite)
{
    /// <summary>20,000 with <c>SERVERLESS_NEWSROOM_SCALE=1</c>; 2,000 by default, which keeps the default run fast.</summary>
    private static readonly int Sources = Environment.GetEnvironmentVariable("SERVERLESS_NEWSROOM_SCALE") == "1" ? 20_000 : 2_000;

    /// <summary>
    /// The bound on the live heap's growth during a pass. A page of 1,000 listed blobs and their 1,000 source records
    /// (with the responses they are read from), and an 8-byte hash of every name listed: 4.1 MB measured at 2,000
    /// sources, 9.2 MB at 20,000. Holding every source record and listed blob, as the pass did before it streamed, takes
    /// about 6.8 KB a source (measured at 2,000: 13.5 MB): 135 MB at 20,000, which this bound refuses. At the default
    /// size the bound is 8 MB, twice what streaming measured and well under what holding everything takes, so the
    /// default run catches a pass that holds the corpus too.
    /// </summary>
    private static readonly long BoundBytes = (Sources >= 20_000 ? 24 : 8) * 1024L * 1024;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reconciling_a_settled_corpus_holds_a_bounded_amount_of_memory_whatever_its_size()
    {
        await using var site = new TestSite(azurite);
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        await SourceSeeder.SeedAsync(site.Get<IServiceProvider>(), Sources);
        var seeded = seeding.Elapsed;
        var reconciler = site.Get<ArticleReconciler>();
        site.Requests.Reset();

        var pass = System.Diagnostics.Stopwatch.StartNew();
        ReconcileReport report;
        long growth;
        await using (var memory = LiveHeapSampler.Start())
        {
            report = await reconciler.ReconcileAsync(Cancellation);
            growth = await memory.PeakGrowthAsync();
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Sources} sources: seeded in {seeded.TotalSeconds:0.0} s; pass in {pass.Elapsed.TotalSeconds:0.0} s, {site.Requests.Total} requests, live heap grew {growth / 1024.0 / 1024.0:0.0} MB at most");
        Assert.Equal(Sources, report.BlobsSeen);
        Assert.Empty(report.Results);
        Assert.InRange(growth, long.MinValue, BoundBytes);
    }

    /// <summary>
    /// A pass compares the listing with the sources read a page at a time, never by key: reconciling while an import
    /// runs (every 30 s on the local server) costs a few requests per 1,000 blobs, not one per blob. Counted: the two
    /// scans of the sources table, the listing and the scan of article records and outputs (two rows an article), each
    /// 1,000 rows a page, and a few fixed reads.
    /// </summary>
    [Fact]
    public async Task Reconciling_a_settled_corpus_reads_its_sources_a_page_at_a_time_not_one_by_one()
    {
        await using var site = new TestSite(azurite);
        await SourceSeeder.SeedAsync(site.Get<IServiceProvider>(), Sources);
        var reconciler = site.Get<ArticleReconciler>();
        site.Requests.Reset();

        var report = await reconciler.ReconcileAsync(Cancellation);

        TestContext.Current.TestOutputHelper?.WriteLine($"{Sources} sources: {site.Requests.Total} requests ({site.Requests.Breakdown})");
        Assert.Empty(report.Results);
        var pages = (Sources + 999) / 1000;
        Assert.InRange(site.Requests.Total, 1, 2 * pages + pages + 2 * pages + 4);
    }
}
