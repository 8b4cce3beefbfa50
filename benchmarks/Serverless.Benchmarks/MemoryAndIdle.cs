using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Serverless.Core.Configuration;
using Serverless.LocalServer;
using Serverless.LocalServer.Azurite;

namespace Serverless.Benchmarks;

/// <summary>
/// What a local server holding many articles costs: its memory once every page was served (all in its cache) and at
/// idle, and what it spends doing nothing (storage requests per second, CPU seconds per minute of the server and of its
/// Azurite). The articles are published through the server's own pipeline (uploaded, ingested, rendered), so the
/// figure follows the pipeline as it changes. The server runs in this process, its storage requests counted by a
/// pipeline policy; the process holds nothing else of size (the corpus is dropped before measuring).
/// </summary>
internal static class MemoryAndIdle
{
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(60);

    private const string SeededBaseUrl = "http://localhost:7071";

    private const string SeededBaseUrlSetting = $"{SiteOptions.SectionName}:{nameof(SiteOptions.PublicBaseUrl)}";

    /// <summary>Pages served before measuring memory on a seeded site.</summary>
    private const int SeededPagesServed = 200;

    /// <param name="seeded">
    /// Seed the corpus as both stages leave it (<see cref="CorpusSeeder.SeedPublishedAsync"/>) instead of publishing it:
    /// minutes for 10,000 articles where publishing them into Azurite takes hours. The benchmark starts an in-memory
    /// Azurite, seeds it with the core services alone (no server, so no reconciliation sees a half-seeded container),
    /// then starts the measured server on it, as on a configured storage account.
    /// </param>
    public static async Task<int> RunAsync(int articles, string? jsonOut, bool seeded = false)
    {
        using var logging = LoggerFactory.Create(builder => builder.AddSimpleConsole(options => options.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        await using var azurite = seeded
            ? await AzuriteProcess.StartAsync(new AzuriteStartOptions(), logging.CreateLogger("Azurite"), CancellationToken.None)
            : null;
        return await RunAsync(articles, jsonOut, azurite);
    }

    private static async Task<int> RunAsync(int articles, string? jsonOut, AzuriteProcess? seeded)
    {
        var clock = Stopwatch.StartNew();
        var configuration = new Dictionary<string, string?>();
        if (seeded is not null)
        {
            configuration[StorageOptions.ConnectionSettingName] = seeded.ConnectionString;
            // The base URL is part of the ingest and render versions: seeded with another, every article would be
            // ingested and rendered again at the first reconciliation.
            configuration[SeededBaseUrlSetting] = SeededBaseUrl;
            await SeedAsync(seeded.ConnectionString, articles);
            Console.WriteLine($"{articles} articles seeded as published and rendered in {clock.Elapsed.TotalSeconds:0} s");
        }
        var requests = new RequestCounter();
        await using var server = await LocalServerApp.StartAsync(new LocalServerSettings
        {
            Urls = "http://127.0.0.1:0",
            SamplesDirectory = null,
            Configuration = configuration,
            ConfigureStorageClients = options => options.AddPolicy(requests, HttpPipelinePosition.PerCall),
        }, CancellationToken.None);
        var storage = server.Services.GetRequiredService<StorageClients>();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

        // The first seconds after start are JIT and first requests (and, seeded, the first reconciliation), not idling.
        await Task.Delay(TimeSpan.FromSeconds(15));
        var empty = seeded is null ? await IdleCostAsync(requests, TimeSpan.FromSeconds(30)) : null;
        List<string> slugs;
        if (seeded is null)
        {
            clock.Restart();
            slugs = await PublishAsync(storage, http, articles);
            Console.WriteLine($"{articles} articles published and rendered in {clock.Elapsed.TotalSeconds:0} s");
        }
        else
        {
            slugs = await ListedAsync(http);
            if (slugs.Count != articles)
            {
                Console.Error.WriteLine($"{slugs.Count} articles listed where {articles} were seeded.");
                return 1;
            }
        }

        // A seeded site has no feeds: stage 2's site outputs write them, and seeding writes records, not outputs. Nor are
        // all its pages read: a cold page costs two point reads, which Azurite answers by scanning the table (about a
        // second each at 10,000 articles), so a sample spread over the corpus is served.
        string[] siteRoutes = seeded is null ? ["/", "/feed.xml", "/atom.xml", "/api/articles?top=20"] : ["/", "/api/articles?top=20"];
        var served = seeded is null ? slugs : [.. slugs.Where((_, index) => index % Math.Max(1, slugs.Count / SeededPagesServed) == 0).Take(SeededPagesServed)];
        foreach (var path in served.Select(slug => "/articles/" + slug).Concat(siteRoutes))
        {
            using var response = await http.GetAsync(path);
            response.EnsureSuccessStatusCode();
        }
        var memory = Memory();
        Console.WriteLine($"after serving {served.Count} pages once: {memory}");

        // Long enough for the page cache to expire, then the idle window itself.
        await Task.Delay(TimeSpan.FromSeconds(65));
        var idle = await IdleCostAsync(requests, IdleWindow);
        var idleMemory = Memory();
        Console.WriteLine($"idle: {idle}; {idleMemory}");

        var rows = new List<ReportRow>
        {
            new($"memory at {articles} articles, {served.Count} pages served: working set", memory.WorkingSetMb, "MB"),
            new($"memory at {articles} articles, {served.Count} pages served: GC heap (live, after a full GC)", memory.LiveHeapMb, "MB"),
            new($"memory at {articles} articles, idle: working set", idleMemory.WorkingSetMb, "MB"),
            new($"memory at {articles} articles, idle: GC heap (live)", idleMemory.LiveHeapMb, "MB"),
        };
        if (empty is not null)
        {
            rows.Add(new("idle storage requests, empty site", empty.RequestsPerSecond, "req/s"));
            rows.Add(new("idle CPU, empty site: server", empty.ServerCpuPerMinute, "CPU s/min"));
            rows.Add(new("idle CPU, empty site: Azurite", empty.AzuriteCpuPerMinute, "CPU s/min"));
        }
        rows.Add(new($"idle storage requests at {articles} articles", idle.RequestsPerSecond, "req/s"));
        rows.Add(new($"idle CPU at {articles} articles: server", idle.ServerCpuPerMinute, "CPU s/min"));
        rows.Add(new($"idle CPU at {articles} articles: Azurite", idle.AzuriteCpuPerMinute, "CPU s/min"));
        ReportRow.Print($"Local server at {articles} articles ({(seeded is null ? "published; in-memory Azurite" : "seeded as published; in-memory Azurite")})", rows);
        ReportRow.WriteJson(jsonOut, rows);
        return 0;
    }

    /// <summary>Seeds a settled corpus into the Azurite at <paramref name="connectionString"/>, with the settings and storage names the measured server uses.</summary>
    private static async Task SeedAsync(string connectionString, int articles)
    {
        // The local server's own settings (appsettings.json, copied beside this program), as the measured server reads them.
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageOptions.ConnectionSettingName] = connectionString,
            [SeededBaseUrlSetting] = SeededBaseUrl,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddServerlessCore(configuration).BuildServiceProvider();
        await CorpusSeeder.SeedPublishedAsync(services, articles, CancellationToken.None);
    }

    /// <summary>Uploads the corpus 32 at a time, then waits until every article is listed and the render queue is empty.</summary>
    private static async Task<List<string>> PublishAsync(StorageClients storage, HttpClient http, int articles)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, articles), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (index, token) =>
        {
            var (blobName, _, content) = SyntheticCorpus.Article(index);
            await storage.Articles.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(content), overwrite: true, token);
        });
        var slugs = new List<string>();
        var progress = Stopwatch.StartNew();
        while ((slugs = await ListedAsync(http)).Count < articles
            || (await storage.RenderQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            if (progress.Elapsed > TimeSpan.FromSeconds(30))
            {
                Console.WriteLine($"{slugs.Count} of {articles} listed…");
                progress.Restart();
            }
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        return slugs;
    }

    private static async Task<List<string>> ListedAsync(HttpClient http)
    {
        var slugs = new List<string>();
        string? token = null;
        do
        {
            var path = "/api/articles?top=100" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token));
            using var json = JsonDocument.Parse(await http.GetStringAsync(path));
            slugs.AddRange(json.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("slug").GetString()!));
            token = json.RootElement.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        return slugs;
    }

    private sealed record IdleCost(double RequestsPerSecond, double ServerCpuPerMinute, double AzuriteCpuPerMinute)
    {
        public override string ToString() => FormattableString.Invariant(
            $"{RequestsPerSecond:0.0} storage requests/s, CPU {ServerCpuPerMinute:0.00} s/min (server), {AzuriteCpuPerMinute:0.00} s/min (Azurite)");
    }

    /// <summary>Storage requests and CPU time spent over <paramref name="window"/> while nobody calls the server.</summary>
    private static async Task<IdleCost> IdleCostAsync(RequestCounter requests, TimeSpan window)
    {
        var self = Process.GetCurrentProcess();
        var (requestsBefore, serverBefore, azuriteBefore) = (requests.Total, self.TotalProcessorTime, DescendantsCpu(self.Id));
        await Task.Delay(window);
        self.Refresh();
        var perMinute = TimeSpan.FromMinutes(1) / window;
        return new IdleCost((requests.Total - requestsBefore) / window.TotalSeconds,
            (self.TotalProcessorTime - serverBefore).TotalSeconds * perMinute, (DescendantsCpu(self.Id) - azuriteBefore).TotalSeconds * perMinute);
    }

    private sealed record MemoryUse(double WorkingSetMb, double LiveHeapMb)
    {
        public override string ToString() => FormattableString.Invariant($"working set {WorkingSetMb:0} MB, live GC heap {LiveHeapMb:0.0} MB");
    }

    private static MemoryUse Memory()
    {
        var live = GC.GetTotalMemory(forceFullCollection: true);
        var self = Process.GetCurrentProcess();
        return new MemoryUse(self.WorkingSet64 / 1048576.0, live / 1048576.0);
    }

    /// <summary>CPU time (user + system) of every process below <paramref name="pid"/> (Azurite's node), from /proc.</summary>
    private static TimeSpan DescendantsCpu(int pid)
    {
        var parents = new Dictionary<int, (int Parent, long Ticks)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var id))
            {
                continue;
            }
            try
            {
                // Fields after the command name, which is in parentheses and may hold spaces: state ppid … utime(14) stime(15).
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                parents[id] = (int.Parse(fields[1], CultureInfo.InvariantCulture),
                    long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The process ended while listed.
            }
        }
        bool Below(int id) => parents.TryGetValue(id, out var entry) && (entry.Parent == pid || Below(entry.Parent));
        var ticks = parents.Where(entry => Below(entry.Key)).Sum(entry => entry.Value.Ticks);
        return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
    }
}
