using Azure.Core;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Ingest;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.LocalServer;
using Serverless.LocalServer.Azurite;
using Serverless.LocalServer.Publishing;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>
/// What a newsroom's import costs: 1,000 cross-linked, tagged articles uploaded at once, each reported to the local
/// server as Event Grid reports it, until every page is served (ingest, settlement, renders, site files, queues; the
/// uploads are the author's, not counted), the server running its own workers as the benchmark's
/// <c>--concurrent-uploads 1000</c> runs them. Measured at <see cref="RequestsPerArticle"/> on this corpus (2026-12-06),
/// asserted within 15 % so that a change that moves it says so. The benchmark's corpus costs 39 (benchmarks/README.md):
/// each of these articles has three links to articles picked at random (the benchmark's, about 1.4 on average, to articles
/// of their topic), and each link's citation row is a partition of its own, written alone. Minutes on two cores, on an
/// Azurite of its own: <c>SERVERLESS_NEWSROOM_SCALE=1</c> runs it; the default run asserts a small import's documented
/// cost (<c>ImportSettlementTests</c>).
/// </summary>
public sealed class ImportCostAtScaleTests
{
    private const int Articles = 1000;

    private const double RequestsPerArticle = 43.2;

    /// <summary>Uploads in flight at once, as the benchmark's.</summary>
    private const int Concurrency = 32;

    private static readonly string[] TestOnlySettings = ["Publishing:SiteFileDelaySeconds", "Publishing:NewsRenderWindowHours"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_import_of_a_thousand_articles_costs_the_documented_storage_requests_per_article()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("SERVERLESS_NEWSROOM_SCALE") == "1",
            "An import of 1,000 articles takes minutes: SERVERLESS_NEWSROOM_SCALE=1 runs it.");
        await using var azurite = await AzuriteProcess.StartAsync(new AzuriteStartOptions(), NullLogger.Instance, Cancellation);
        var requests = new RequestCounter();
        await using var server = await RunningLocalServer.StartAsync(azurite.ConnectionString, settings => settings with
        {
            SamplesDirectory = null,
            // The server's defaults, as the benchmark runs it: site files debounced, news rendered at ingest, the
            // reconciliation every 30 s (the test settings rebuild site files at once and reconcile every second).
            Configuration = settings.Configuration.Where(setting => !TestOnlySettings.Contains(setting.Key)).ToDictionary(),
            ReconcileInterval = LocalServerSettings.DefaultReconcileInterval,
            ConfigureStorageClients = options => options.AddPolicy(requests, HttpPipelinePosition.PerCall),
        });
        var storage = server.App.Services.GetRequiredService<StorageClients>();
        var events = server.App.Services.GetRequiredService<BlobEvents>();
        await storage.EnsureCreatedAsync(Cancellation);
        var author = new BlobContainerClient(azurite.ConnectionString, storage.Articles.Name);
        var corpus = Enumerable.Range(0, Articles).Select(index => SyntheticCorpus.LinkedArticle(index, Articles)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2), Cancellation); // the server's start-up requests settle first
        requests.Reset();

        await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = Cancellation }, async (article, token) =>
        {
            var blob = author.GetBlobClient(article.BlobName);
            await blob.UploadAsync(BinaryData.FromString(article.Content), overwrite: true, token);
            await events.HandleAsync(LocalBlobEvents.Created(blob.Uri), token);
        });
        while ((await storage.RenderQueue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), Cancellation);
        }

        var perArticle = (double)requests.Total / Articles;
        TestContext.Current.TestOutputHelper?.WriteLine($"{perArticle:0.0} requests per article ({requests.Breakdown})");
        foreach (var article in new[] { corpus[0], corpus[^1] })
        {
            using var page = await server.Http.GetAsync($"/articles/{article.Slug}", Cancellation);
            Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        }
        Assert.InRange(perArticle, RequestsPerArticle * 0.85, RequestsPerArticle * 1.15);
    }
}
