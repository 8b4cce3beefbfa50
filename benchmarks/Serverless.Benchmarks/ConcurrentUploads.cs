using System.Diagnostics;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.LocalServer;

namespace Serverless.Benchmarks;

/// <summary>
/// A burst of uploads at once into the local server (its own in-memory Azurite): the time until every article is
/// listed, until the render queue is drained, and the storage requests per article. Wall-clock time, measured here
/// and never in a test; <c>ConcurrentUploadTests</c> proves the outcome (none lost, none duplicated) for 500.
/// </summary>
internal static class ConcurrentUploads
{
    public static async Task<int> RunAsync(int articles)
    {
        var requests = new CountingPolicy();
        await using var server = await LocalServerApp.StartAsync(new LocalServerSettings
        {
            Urls = "http://127.0.0.1:0",
            SamplesDirectory = null,
            ConfigureStorageClients = options => options.AddPolicy(requests, HttpPipelinePosition.PerCall),
        }, CancellationToken.None);
        var storage = server.Services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var corpus = Enumerable.Range(0, articles).Select(index => SyntheticCorpus.Article(index)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2)); // the idle server's own requests settle before counting starts
        var idleBaseline = requests.Total;

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (article, ct) =>
            await storage.Articles.GetBlobClient(article.BlobName).UploadAsync(BinaryData.FromString(article.Content), overwrite: true, ct));
        var uploaded = clock.Elapsed;
        var uploadRequests = requests.Total - idleBaseline;
        while (await CountListedAsync(http) < articles)
        {
            await Task.Delay(200);
        }
        var listed = clock.Elapsed;
        while ((await storage.RenderQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            await Task.Delay(200);
        }
        var drained = clock.Elapsed;
        var publishRequests = requests.Total - idleBaseline - uploadRequests;
        var poisoned = (await storage.RenderPoisonQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

        Console.WriteLine($"| articles | uploaded | all listed | queue drained | articles/s (to drained) | storage requests/article (both stages, incl. listing polls) | poisoned |");
        Console.WriteLine($"|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {articles} | {uploaded.TotalSeconds:0.0} s | {listed.TotalSeconds:0.0} s | {drained.TotalSeconds:0.0} s | {articles / drained.TotalSeconds:0.0} | {(double)publishRequests / articles:0.0} | {poisoned} |");
        return poisoned == 0 ? 0 : 1;
    }

    private static async Task<int> CountListedAsync(HttpClient http)
    {
        var count = 0;
        string? token = null;
        do
        {
            var path = "/api/articles?top=100" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            using var json = JsonDocument.Parse(await http.GetStringAsync(path));
            count += json.RootElement.GetProperty("items").GetArrayLength();
            token = json.RootElement.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        return count;
    }

    private sealed class CountingPolicy : HttpPipelineSynchronousPolicy
    {
        private long _total;
        public long Total => Interlocked.Read(ref _total);
        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _total);
    }
}
