using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Ingest;
using Serverless.Core.Publishing;
using Serverless.Core.Storage;
using Serverless.LocalServer;
using Serverless.LocalServer.Publishing;

namespace Serverless.Benchmarks;

/// <summary>
/// End-to-end publishing throughput: a burst of uploads of the generated corpus (<see cref="CorpusGenerator"/>) into the
/// local server and its own in-memory Azurite, each reported as Event Grid reports it on Azure (stage 1 runs for it at
/// once, 32 at a time as blob triggers would), until the render queue is drained (stage 2: every page served). Every
/// storage request of every client is counted by a pipeline policy and attributed to a stage, so the table shows the
/// requests per article and Azurite's own request rate and CPU in the same run (when Azurite is the limit, it shows).
/// Then the server is left idle, and what idling costs is measured. Wall-clock time, measured here and never in a test;
/// <c>ConcurrentUploadTests</c> proves the outcome (none lost, none duplicated) and <c>PublishCostTests</c> the counts.
/// </summary>
internal static class ConcurrentUploads
{
    private const int Concurrency = 32;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(int articles, int seed, string? jsonOut, TimeSpan? reconcileInterval, TimeSpan idleWindow, bool callSites = false)
    {
        var requests = new CountingPolicy { RecordCallSites = callSites };
        var settings = new LocalServerSettings
        {
            Urls = "http://127.0.0.1:0",
            SamplesDirectory = null,
            ConfigureStorageClients = options => options.AddPolicy(requests, HttpPipelinePosition.PerCall),
        };
        await using var server = await LocalServerApp.StartAsync(reconcileInterval is { } interval ? settings with { ReconcileInterval = interval } : settings, CancellationToken.None);
        var azurite = AzuriteCpu.Find();
        var storage = server.Services.GetRequiredService<StorageClients>();
        var uploader = server.Services.GetRequiredService<ArticleUploader>();
        var events = server.Services.GetRequiredService<BlobEvents>();
        using var renders = new RenderCounter();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        var corpus = CorpusGenerator.Generate(articles, seed);
        await Task.Delay(TimeSpan.FromSeconds(2)); // the server's start-up requests settle before counting starts
        requests.Reset();

        var clock = Stopwatch.StartNew();
        var azuriteCpuBefore = azurite?.CpuSeconds();
        var serverCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var ingested = TimeSpan.Zero;
        var started = 0;
        Task<TimeSpan>? breaking = null;
        await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (article, ct) =>
        {
            if (Interlocked.Increment(ref started) == articles / 2)
            {
                breaking = ServeBreakingNewsAsync(server.BaseAddress, uploader, events);
            }
            CountingPolicy.Stage.Value = "upload";
            await uploader.UploadAsync(article.FileName, article.Content, overwrite: true, ct);
            CountingPolicy.Stage.Value = "stage 1: ingest";
            await events.HandleAsync(LocalBlobEvents.Created(uploader.UriOf(article.FileName)), ct);
        });
        ingested = clock.Elapsed;
        CountingPolicy.Stage.Value = CountingPolicy.Excluded;
        while ((await storage.RenderQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            await Task.Delay(100);
        }
        var drained = clock.Elapsed;
        var breakingServed = breaking is null ? TimeSpan.Zero : await breaking;
        var azuriteCpu = azurite?.CpuSeconds() - azuriteCpuBefore;
        var serverCpu = (Process.GetCurrentProcess().TotalProcessorTime - serverCpuBefore).TotalSeconds;
        var burst = requests.Snapshot();
        var rendersPerPage = requests.RendersPerPage();
        var renderedMoreThanTwice = requests.PagesRenderedMoreThanTwice().ToList();
        var byResource = requests.ByResource.OrderByDescending(entry => entry.Value).ToList();
        var poisoned = (await storage.RenderPoisonQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
        var (own, dependency) = (renders.Count("record"), renders.Count("dependency"));

        // Idle: what the server spends doing nothing, with the corpus published.
        await Task.Delay(TimeSpan.FromSeconds(2));
        requests.Reset();
        var idleAzuriteBefore = azurite?.CpuSeconds();
        var idleServerBefore = Process.GetCurrentProcess().TotalProcessorTime;
        await Task.Delay(idleWindow);
        var idle = requests.Snapshot();
        var idleAzurite = azurite?.CpuSeconds() - idleAzuriteBefore;
        var idleServer = (Process.GetCurrentProcess().TotalProcessorTime - idleServerBefore).TotalSeconds;

        var total = burst.Values.Sum();
        var rows = new List<(string Name, double Value, string Unit)>
        {
            ("articles", articles, "articles"),
            ("corpus size", corpus.Sum(article => article.Content.Length) / 1024.0, "KB"),
            ("stage 1 done (all uploaded and ingested)", ingested.TotalSeconds, "s"),
            ("stage 2 done (render queue drained, every page served)", drained.TotalSeconds, "s"),
            ("publish throughput", articles / drained.TotalSeconds, "articles/s"),
            ("an article dated now, uploaded halfway through: served after", breakingServed.TotalSeconds, "s"),
            ("storage requests per article (all)", (double)total / articles, "requests/article"),
        };
        rows.AddRange(burst.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => ($"storage requests per article: {entry.Key}", (double)entry.Value / articles, "requests/article")));
        rows.AddRange(
        [
            ("own renders per article", (double)own / articles, "renders/article"),
            ("related/citing re-renders per article (written)", (double)dependency / articles, "renders/article"),
            ("pages rendered at most twice", rendersPerPage.Where(entry => entry.Key <= 2).Sum(entry => entry.Value), "pages"),
            ("renders of the most rendered page", rendersPerPage.Keys.DefaultIfEmpty().Max(), "renders"),
            ("Azurite request rate during the burst", total / drained.TotalSeconds, "requests/s"),
            ("Azurite CPU during the burst", azuriteCpu ?? double.NaN, "s"),
            ("Azurite CPU share of one core during the burst", (azuriteCpu ?? double.NaN) / drained.TotalSeconds, "cores"),
            ("server CPU during the burst", serverCpu, "s"),
            ("poisoned render messages", poisoned, "messages"),
            ("idle storage requests per second", idle.Values.Sum() / idleWindow.TotalSeconds, "requests/s"),
            ("idle Azurite CPU", (idleAzurite ?? double.NaN) / idleWindow.TotalSeconds, "s/s"),
            ("idle server CPU", idleServer / idleWindow.TotalSeconds, "s/s"),
        ]);

        Console.WriteLine($"Publishing {articles} generated articles (seed {seed}), {Concurrency} uploads at a time; reconciliation every {(reconcileInterval ?? LocalServerSettings.DefaultReconcileInterval).TotalSeconds:0} s; idle measured over {idleWindow.TotalSeconds:0} s");
        Console.WriteLine("| What | Value | Unit |");
        Console.WriteLine("|---|---:|---|");
        foreach (var (name, value, unit) in rows)
        {
            Console.WriteLine($"| {name} | {value.ToString(value >= 100 ? "#,0" : "0.00", CultureInfo.InvariantCulture)} | {unit} |");
        }
        Console.WriteLine($"Renders per page (renders: pages): {string.Join(", ", rendersPerPage.Select(entry => $"{entry.Key}: {entry.Value}"))}");
        Console.WriteLine($"Pages rendered more than twice: {string.Join(", ", renderedMoreThanTwice.Select(entry => $"{entry.Key} ({entry.Value})"))}");
        Console.WriteLine($"Requests per article by resource: {string.Join(", ", byResource.Select(entry => $"{entry.Key} {(double)entry.Value / articles:0.0}"))}");
        if (callSites)
        {
            foreach (var (resource, count) in byResource.Take(20))
            {
                Console.WriteLine($"{resource} {(double)count / articles:0.0}: {string.Join("; ", requests.CallSitesOf(resource).Take(4).Select(site => $"{(double)site.Value / articles:0.00} {site.Key}"))}");
            }
        }
        if (jsonOut is not null)
        {
            await File.WriteAllTextAsync(jsonOut, JsonSerializer.Serialize(new { rows = rows.Select(row => new { name = row.Name, value = double.IsNaN(row.Value) ? (double?)null : Math.Round(row.Value, 3), unit = row.Unit }) },
                Indented));
        }
        return poisoned == 0 && own >= articles ? 0 : 1;
    }

    /// <summary>
    /// An author's breaking news uploaded while the import runs: the time from its upload to its page answering 200,
    /// which must not wait for the import's renders.
    /// </summary>
    private static async Task<TimeSpan> ServeBreakingNewsAsync(Uri server, ArticleUploader uploader, BlobEvents events)
    {
        var clock = Stopwatch.StartNew();
        var content = Encoding.UTF8.GetBytes($"""
            ---
            title: "Dernière minute : le benchmark publie pendant l'import"
            slug: derniere-minute-pendant-l-import
            date: {DateTimeOffset.UtcNow:yyyy-MM-dd'T'HH:mm:ss'Z'}
            lang: fr
            ---
            Une information publiée pendant un import d'archives doit être servie en quelques secondes.
            """);
        CountingPolicy.Stage.Value = "upload";
        await uploader.UploadAsync("derniere-minute.md", content, overwrite: true, CancellationToken.None);
        CountingPolicy.Stage.Value = "stage 1: ingest";
        await events.HandleAsync(LocalBlobEvents.Created(uploader.UriOf("derniere-minute.md")), CancellationToken.None);
        CountingPolicy.Stage.Value = CountingPolicy.Excluded;
        using var http = new HttpClient { BaseAddress = server };
        while ((await http.GetAsync("/articles/derniere-minute-pendant-l-import")).StatusCode != System.Net.HttpStatusCode.OK)
        {
            await Task.Delay(50);
        }
        return clock.Elapsed;
    }

    /// <summary>
    /// Counts storage requests by what made them: the stage named by the caller's flow (upload, ingest), else, for the
    /// server's render worker, by the resource: the render queue, the site-wide outputs, or the pages themselves.
    /// </summary>
    private sealed class CountingPolicy : HttpPipelineSynchronousPolicy
    {
        public const string Excluded = "";

        public static readonly AsyncLocal<string?> Stage = new();

        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _pageWritesBySlug = new(StringComparer.Ordinal);

        public void Reset()
        {
            _counts.Clear();
            _pageWritesBySlug.Clear();
            _byResource.Clear();
        }

        /// <summary>How many pages were written how many times: a page blob is written once per render that changed the page.</summary>
        /// <summary>The slugs whose page was written more than twice, and how many times: what the bound of two leaves out.</summary>
        public IEnumerable<KeyValuePair<string, int>> PagesRenderedMoreThanTwice() => _pageWritesBySlug.Where(entry => entry.Value > 2).OrderByDescending(entry => entry.Value);

        public SortedDictionary<int, int> RendersPerPage() =>
            new(_pageWritesBySlug.Values.GroupBy(writes => writes).ToDictionary(group => group.Key, group => group.Count()));

        public Dictionary<string, long> Snapshot() => _counts.Where(entry => entry.Key != Excluded).ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);

        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _byResource = new(StringComparer.Ordinal);

        /// <summary>Requests by table, container or queue and method, whoever sent them: where the requests of a stage go.</summary>
        public IReadOnlyDictionary<string, long> ByResource => _byResource;

        /// <summary>Whether each request's callers in the product's code are recorded (--call-sites): which code sends what.</summary>
        public bool RecordCallSites { get; init; }

        private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Resource, string Site), long> _callSites = new();

        /// <summary>The product's methods that sent a resource's requests, the most frequent first (the innermost three frames).</summary>
        public IEnumerable<KeyValuePair<string, long>> CallSitesOf(string resource) => _callSites
            .Where(entry => entry.Key.Resource == resource)
            .Select(entry => KeyValuePair.Create(entry.Key.Site, entry.Value))
            .OrderByDescending(entry => entry.Value);

        private static string CallSite()
        {
            // Async methods show as the MoveNext of their state machine, named "<Method>d__N" inside their type.
            var frames = new StackTrace().GetFrames()
                .Select(frame => frame.GetMethod()?.DeclaringType)
                .Where(type => type?.FullName?.StartsWith("Serverless.Core", StringComparison.Ordinal) == true)
                .Select(type => type!.DeclaringType is { } outer && type.Name.StartsWith('<') ? $"{outer.Name}.{type.Name[1..type.Name.IndexOf('>')]}" : type!.Name)
                .Distinct()
                .Take(3);
            return string.Join(" < ", frames);
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            var stage = Classify(message.Request.Uri.Path);
            _counts.AddOrUpdate(stage, 1, (_, count) => count + 1);
            if (stage != Excluded)
            {
                var segments = message.Request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
                var resource = segments.ElementAtOrDefault(1)?.Split('(')[0] ?? "";
                if (resource == "keywords")
                {
                    // The kind of partition: w: keyword, g: tag, n: neighbours, rw: weighing, df: document frequencies.
                    var uri = Uri.UnescapeDataString(message.Request.Uri.ToString());
                    var at = uri.IndexOf("PartitionKey", StringComparison.Ordinal);
                    var quote = at < 0 ? -1 : uri.IndexOf('\'', at);
                    resource += "/" + (quote < 0 ? "?" : uri[(quote + 1)..].Split(':', '\'')[0]);
                }
                if (resource == "search" && segments.Length > 2)
                {
                    resource += "/" + (segments.Length > 3 ? segments[2] : segments[2].Split('.')[0]); // segments/, documents/, the manifest
                }
                var key = $"{Short(stage)} {message.Request.Method} {resource}";
                _byResource.AddOrUpdate(key, 1, (_, count) => count + 1);
                if (RecordCallSites)
                {
                    _callSites.AddOrUpdate((key, CallSite()), 1, (_, count) => count + 1);
                }
            }
            if (stage != Excluded && message.Request.Method == RequestMethod.Post && message.Request.Uri.Path.Contains("/renders", StringComparison.Ordinal))
            {
                _byResource.AddOrUpdate($"{Short(stage)} sent {MessageKind(message.Request.Content)}", 1, (_, count) => count + 1);
            }
            // /{account}/pages/{slug}/{hash}.html
            if (message.Request.Method == RequestMethod.Put && message.Request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries) is [_, "pages", var slug, _])
            {
                _pageWritesBySlug.AddOrUpdate(slug, 1, (_, count) => count + 1);
            }
        }

        /// <summary>What a render message sent asks for: a render (for an offer or not), a fan-out, citing pages, a re-weighing.</summary>
        private static string MessageKind(RequestContent? content)
        {
            if (content is null)
            {
                return "?";
            }
            using var buffer = new MemoryStream();
            content.WriteTo(buffer, CancellationToken.None);
            var xml = Encoding.UTF8.GetString(buffer.ToArray());
            // Base64, as the clients are configured (StorageClients).
            var text = xml.Split("<MessageText>") is [_, var rest] ? Encoding.UTF8.GetString(Convert.FromBase64String(rest.Split("</MessageText>")[0])) : "";
            return text switch
            {
                _ when text.Contains("\"reweigh\"", StringComparison.OrdinalIgnoreCase) => "reweigh",
                _ when text.Contains("\"citing\"", StringComparison.OrdinalIgnoreCase) => "citing",
                _ when text.Contains("\"fanout\"", StringComparison.OrdinalIgnoreCase) => text.Contains("\"offer\"", StringComparison.OrdinalIgnoreCase) ? "offer fanout" : "fanout",
                _ when text.Contains("\"offer\"", StringComparison.OrdinalIgnoreCase) => "offer render",
                _ => "render",
            };
        }

        /// <summary>A stage's first word after its number ("ingest", "page", "site-wide", "queue"), to tell the resources of each stage apart.</summary>
        private static string Short(string stage) => (stage.Split(':') is [_, var name] ? name : stage).Trim().Split(' ')[0];

        private static string Classify(string path)
        {
            // Path-style addresses, as Azurite's: /{account}/{container, table or queue}/…
            var resource = path.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1) ?? "";
            var name = resource.Split('(')[0];
            if (name.StartsWith("renders", StringComparison.Ordinal))
            {
                return Stage.Value == Excluded ? Excluded : "queue traffic (send, receive, delete)";
            }
            if (Stage.Value is { } stage)
            {
                return stage;
            }
            return name is "site" or "articlesbydate" or "articlesbytag"
                ? "stage 2: site-wide outputs (listing, feeds, sitemap, tags)"
                : "stage 2: page renders (own, related, citing)";
        }
    }

    /// <summary>Pages rendered (written) by cause, from the publishing meter.</summary>
    private sealed class RenderCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _byCause = new(StringComparer.Ordinal);

        public RenderCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PublishingMetrics.MeterName && instrument.Name == "serverless.pages.rendered")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "cause" && tag.Value is string cause)
                    {
                        _byCause.AddOrUpdate(cause, value, (_, count) => count + value);
                    }
                }
            });
            _listener.Start();
        }

        public long Count(string cause) => _byCause.GetValueOrDefault(cause);

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>The CPU time of the Azurite process this server started (its node child), read from /proc.</summary>
    private sealed class AzuriteCpu(int processId)
    {
        public static AzuriteCpu? Find()
        {
            if (!OperatingSystem.IsLinux())
            {
                return null;
            }
            foreach (var directory in Directory.EnumerateDirectories("/proc").Where(path => int.TryParse(Path.GetFileName(path), out _)))
            {
                try
                {
                    var stat = Fields(File.ReadAllText(Path.Combine(directory, "stat")));
                    if (int.Parse(stat[1], CultureInfo.InvariantCulture) == Environment.ProcessId
                        && File.ReadAllText(Path.Combine(directory, "cmdline")).Contains("azurite", StringComparison.OrdinalIgnoreCase))
                    {
                        return new AzuriteCpu(int.Parse(Path.GetFileName(directory), CultureInfo.InvariantCulture));
                    }
                }
                catch (IOException)
                {
                    // The process ended while being read.
                }
            }
            return null;
        }

        /// <summary>utime + stime, in seconds (clock ticks of 1/100 s, the Linux USER_HZ).</summary>
        public double CpuSeconds()
        {
            var stat = Fields(File.ReadAllText($"/proc/{processId}/stat"));
            return (long.Parse(stat[11], CultureInfo.InvariantCulture) + long.Parse(stat[12], CultureInfo.InvariantCulture)) / 100.0;
        }

        /// <summary>The fields after the command name (which may hold spaces): state, ppid, … (field 4 of proc(5) is index 1).</summary>
        private static string[] Fields(string stat) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }
}
