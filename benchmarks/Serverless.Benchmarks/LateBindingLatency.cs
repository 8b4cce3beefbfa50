using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Storage;
using Serverless.LocalServer;

namespace Serverless.Benchmarks;

/// <summary>
/// How long the local server takes to turn a citing page's placeholder into a link once its target is uploaded:
/// the local server with its own Azurite, a citing article uploaded and served, then its target uploaded, and the
/// citing page polled every 20 ms until it links to it. Wall-clock time, measured here and never in a test.
/// </summary>
internal static class LateBindingLatency
{
    public static async Task<int> RunAsync(int rounds)
    {
        await using var server = await LocalServerApp.StartAsync(new LocalServerSettings { Urls = "http://127.0.0.1:0" }, CancellationToken.None);
        var articles = server.Services.GetRequiredService<StorageClients>().Articles;
        await server.Services.GetRequiredService<StorageClients>().EnsureCreatedAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var timings = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var citing = $"citing-{round}";
            await Upload(articles, $"{citing}.md", $"---\ntitle: Citing {round}\nslug: {citing}\n---\nIt follows [Late story {round}](#).\n");
            await WaitForAsync(http, $"/articles/{citing}", "<p>It follows Late story");
            var clock = Stopwatch.StartNew();
            await Upload(articles, $"late-{round}.md", $"---\ntitle: Late story {round}\nslug: late-{round}\n---\nThe story that came later.\n");
            await WaitForAsync(http, $"/articles/{citing}", $"<a href=\"/articles/late-{round}\">");
            timings.Add(clock.Elapsed.TotalSeconds);
            Console.WriteLine($"round {round + 1}: {clock.Elapsed.TotalSeconds:0.00} s");
        }
        timings.Sort();
        Console.WriteLine($"late binding over {rounds} rounds: median {timings[timings.Count / 2]:0.00} s, max {timings[^1]:0.00} s, min {timings[0]:0.00} s");
        return 0;
    }

    private static async Task Upload(Azure.Storage.Blobs.BlobContainerClient articles, string name, string content) =>
        await articles.GetBlobClient(name).UploadAsync(BinaryData.FromString(content), overwrite: true);

    private static async Task WaitForAsync(HttpClient http, string path, string text)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var response = await http.GetAsync(path);
            if ((await response.Content.ReadAsStringAsync()).Contains(text, StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"{path} never showed '{text}'.");
    }
}
