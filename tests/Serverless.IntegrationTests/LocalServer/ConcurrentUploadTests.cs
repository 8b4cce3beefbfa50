using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>
/// A burst of uploads at once through the local server: none lost, none duplicated, each listed once. The server runs
/// its own Azurite, as it does for an author, so the burst does not queue behind the other tests' storage requests.
/// </summary>
public sealed class ConcurrentUploadTests
{
    /// <summary>200 in the README's test command (CI stays within its 30 minutes); the 500 with <c>SERVERLESS_NEWSROOM_SCALE=1</c>.</summary>
    private static readonly int Articles = Environment.GetEnvironmentVariable("SERVERLESS_NEWSROOM_SCALE") == "1" ? 500 : 200;
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_burst_of_articles_uploaded_at_once_ends_as_as_many_published_articles_each_listed_once()
    {
        await using var server = await RunningLocalServer.StartAsync(connectionString: null, settings => settings with { SamplesDirectory = null });
        await server.App.Services.GetRequiredService<StorageClients>().EnsureCreatedAsync(Cancellation);
        var corpus = Enumerable.Range(0, Articles).Select(index => SyntheticCorpus.Article(index)).ToList();

        await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = Cancellation }, async (article, ct) =>
            await server.Articles.GetBlobClient(article.BlobName).UploadAsync(BinaryData.FromString(article.Content), overwrite: true, ct));

        // A bound against hanging, not a speed target (benchmarks/README.md has the rates): on a CI machine shared with
        // the rest of the suite 500 drain in about six minutes.
        var listed = await WaitForListingAsync(server, Articles, TimeSpan.FromMinutes(15));
        Assert.Equal(corpus.Select(article => article.Slug).Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Cancellation }, async (article, ct) =>
        {
            using var page = await server.Http.GetAsync($"/articles/{article.Slug}", ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        });
        var poison = server.App.Services.GetRequiredService<StorageClients>().RenderPoisonQueue;
        Assert.Null((await poison.PeekMessageAsync(Cancellation)).Value);
    }

    /// <summary>Every slug of the listing, page after page, once it holds <paramref name="expected"/> articles.</summary>
    private static async Task<List<string>> WaitForListingAsync(RunningLocalServer server, int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var slugs = new List<string>();
            string? token = null;
            do
            {
                var path = "/api/articles?top=100" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
                using var json = JsonDocument.Parse(await server.Http.GetStringAsync(path, Cancellation));
                slugs.AddRange(json.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("slug").GetString()!));
                token = json.RootElement.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
            }
            while (token is not null);
            if (slugs.Count >= expected || DateTime.UtcNow > deadline)
            {
                return slugs;
            }
            await Task.Delay(500, Cancellation);
        }
    }
}
