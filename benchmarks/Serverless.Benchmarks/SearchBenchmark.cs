using System.Diagnostics;
using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Configuration;
using Serverless.Core.Parsing;
using Serverless.Core.Search;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.LocalServer.Azurite;

namespace Serverless.Benchmarks;

/// <summary>
/// Reader search over the generated corpus (French and English): the index built from scratch (time, per article,
/// size), warm queries (p50/p95, snippets included), then on Azurite the stored index as a fresh instance meets it
/// (cold query: time, storage requests, bytes read, memory held) and an incremental merge of one changed article.
/// </summary>
internal static class SearchBenchmark
{
    public static async Task<int> RunAsync(int count, string? jsonOut)
    {
        var rows = new List<ReportRow>();
        var parser = new ArticleParser("en");
        var clock = Stopwatch.StartNew();
        var documents = CorpusGenerator.Generate(count, seed: 1).Select(generated =>
        {
            var text = System.Text.Encoding.UTF8.GetString(generated.Content);
            var article = parser.Parse(new ArticleSource(generated.FileName, text, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow));
            return new SearchDocument(article.Slug, article.Title, article.Description, SearchText.FromHtml(article.BodyHtml), article.Language, article.Author, article.Tags, article.Published);
        }).ToList();
        Console.WriteLine($"{documents.Count} articles generated and parsed in {clock.Elapsed.TotalSeconds:0.0} s ({documents.Count(document => document.Language == "fr")} French)");

        // From scratch: every document into an empty index, then one commit (what a first merge of them all does).
        clock.Restart();
        using var index = SearchIndex.Open(new Dictionary<string, byte[]>());
        foreach (var document in documents)
        {
            index.Upsert(document);
        }
        var files = index.Commit();
        index.Refresh();
        var indexSeconds = clock.Elapsed.TotalSeconds;
        var indexBytes = files.Values.Sum(bytes => (long)bytes.Length);
        rows.Add(new("articles", documents.Count, "articles"));
        rows.Add(new("index from scratch", indexSeconds, "s"));
        rows.Add(new("index per article", indexSeconds * 1000 / documents.Count, "ms"));
        rows.Add(new("index size (stored segment files)", indexBytes / 1048576.0, "MiB"));
        rows.Add(new("index files", files.Count, "files"));

        // Warm queries: two words of a random title, every fourth with a typo (two letters swapped), snippets included.
        var random = new Random(7);
        var queries = Enumerable.Range(0, 200).Select(i =>
        {
            var words = documents[random.Next(documents.Count)].Title.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(word => word.Length >= 5 && word.All(char.IsLetter)).Take(2).ToList();
            var query = string.Join(' ', words);
            return i % 4 == 0 && query.Length > 6 ? query[..3] + query[4] + query[3] + query[5..] : query;
        }).Where(query => query.Length > 0).ToList();
        var now = DateTimeOffset.UtcNow;
        foreach (var query in queries)
        {
            index.Search(new SearchRequest(query), now);
        }
        var timings = new List<double>();
        var hits = 0L;
        for (var round = 0; round < 3; round++)
        {
            foreach (var query in queries)
            {
                var started = Stopwatch.GetTimestamp();
                hits += index.Search(new SearchRequest(query), now).TotalHits;
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        timings.Sort();
        rows.Add(new("warm query p50 (top 10, snippets)", timings[timings.Count / 2], "ms"));
        rows.Add(new("warm query p95", timings[(int)(timings.Count * 0.95)], "ms"));
        rows.Add(new("warm query max", timings[^1], "ms"));
        rows.Add(new("matches per query (mean)", hits / (double)timings.Count, "articles"));

        ReportRow.Print($"Search over {documents.Count} generated articles, in memory (2 cores shared)", rows);
        var stored = new List<ReportRow>();
        await StoredIndexAsync(files, documents[0], queries[0], stored);
        ReportRow.Print("The same index stored on Azurite", stored);
        rows.AddRange(stored);
        ReportRow.WriteJson(jsonOut, rows);
        return 0;
    }

    /// <summary>The index stored as a merge leaves it; then a fresh instance's first query, and a merge of one change.</summary>
    private static async Task StoredIndexAsync(IReadOnlyDictionary<string, byte[]> files, SearchDocument changed, string query, List<ReportRow> rows)
    {
        await using var azurite = await AzuriteProcess.StartAsync(new AzuriteStartOptions(), NullLogger.Instance, CancellationToken.None);
        var settings = new Dictionary<string, string?>
        {
            [StorageOptions.ConnectionSettingName] = azurite.ConnectionString,
            ["Site:PublicBaseUrl"] = "https://news.example.com",
            ["Site:Name"] = "Benchmark",
        };
        await using (var writer = Services(settings, new RequestCounter()))
        {
            var store = writer.GetRequiredService<SearchStore>();
            var blobs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (name, bytes) in files)
            {
                blobs[name] = await store.SaveSegmentAsync(bytes, CancellationToken.None);
            }
            await store.WriteManifestAsync(new SearchManifest(blobs, null, files.Count, DateTimeOffset.UtcNow), null, CancellationToken.None);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var requests = new RequestCounter();
        await using var fresh = Services(settings, requests);
        var search = fresh.GetRequiredService<SearchService>();
        var clock = Stopwatch.StartNew();
        await search.SearchAsync(new SearchRequest(query), CancellationToken.None);
        rows.Add(new("cold query (fresh instance: manifest, segments, changes)", clock.Elapsed.TotalMilliseconds, "ms"));
        rows.Add(new("cold query storage requests", requests.Total, "requests"));
        rows.Add(new("cold query bytes read (segments)", fresh.GetRequiredService<SegmentCache>().BytesRead / 1048576.0, "MiB"));
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        rows.Add(new("memory held by the instance's index (managed heap growth)", held / 1048576.0, "MiB"));
        rows.Add(new("RAMDirectory size", search.Size.Bytes / 1048576.0, "MiB"));

        // One article changes: its document and change recorded, then the merge on this instance (segments cached).
        var freshStore = fresh.GetRequiredService<SearchStore>();
        var updated = changed with { Title = changed.Title + " (mis à jour)" };
        await freshStore.SaveDocumentAsync(updated, CancellationToken.None);
        await freshStore.RecordChangeAsync(changed.Slug, DateTimeOffset.UtcNow, updated, CancellationToken.None);
        requests.Reset();
        clock.Restart();
        await fresh.GetRequiredService<SearchIndexMerger>().MergeAsync(CancellationToken.None);
        rows.Add(new("merge of one changed article into the stored index (warm instance)", clock.Elapsed.TotalMilliseconds, "ms"));
        rows.Add(new("merge storage requests", requests.Total, "requests"));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings, RequestCounter requests)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging(builder => builder.SetMinimumLevel(LogLevel.Warning));
        services.AddServerlessCore(configuration, options => options.AddPolicy(requests, HttpPipelinePosition.PerCall));
        return services.BuildServiceProvider();
    }
}
