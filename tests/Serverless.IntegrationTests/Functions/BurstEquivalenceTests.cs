using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// An archive imported in one burst ends exactly as the same articles published one at a time: every public answer
/// (pages with their links, backlinks and related lists, the API, share snippets and cards, listings, feeds, sitemaps,
/// tag pages and tag feeds) compared by content.
/// </summary>
/// <remarks>
/// One number is left out: the relatedness score the API gives each computed suggestion. It weighs keywords against the
/// document frequencies of the corpus when each article was weighed, which depend on the order the articles came in
/// (<c>KeywordReweigher</c> brings them up to date as the corpus doubles, not at every publish); which articles are
/// suggested, and in which order, are compared like everything else.
/// </remarks>
public sealed partial class BurstEquivalenceTests(AzuriteFixture azurite)
{
    /// <summary>Articles of the corpus: 300 by default (the issue's figure).</summary>
    private static readonly int CorpusSize = int.TryParse(Environment.GetEnvironmentVariable("SERVERLESS_BURST_CORPUS"), out var size) ? size : 300;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_burst_of_cross_linked_tagged_articles_ends_as_publishing_them_one_by_one()
    {
        var corpus = Enumerable.Range(0, CorpusSize).Select(index => SyntheticCorpus.LinkedArticle(index, CorpusSize)).ToList();

        // One at a time, each settled before the next is uploaded; no render delay, which only batches a burst's renders.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await using var oneByOne = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:RenderDelaySeconds"] = "0" });
        foreach (var (blobName, _, content) in corpus)
        {
            await oneByOne.PublishAsync(blobName, content);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"one by one: {clock.Elapsed.TotalSeconds:0} s");
        clock.Restart();
        // All at once: uploaded together, ingested concurrently while stage 2 runs, as a host scales out on a burst.
        await using var burst = new TestSite(azurite);
        await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Cancellation },
            async (article, _) => await burst.UploadAsync(article.BlobName, article.Content));
        var ingest = Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Cancellation },
            async (article, _) => await burst.TriggerIngestAsync(burst.Articles.GetBlobClient(article.BlobName)));
        while (!ingest.IsCompleted)
        {
            await burst.DrainRenderQueueAsync(concurrency: 16);
        }
        await ingest;
        await burst.DrainRenderQueueAsync(concurrency: 16);

        TestContext.Current.TestOutputHelper?.WriteLine($"burst: {clock.Elapsed.TotalSeconds:0} s");
        var expected = await CrawlAsync(oneByOne, corpus);
        var actual = await CrawlAsync(burst, corpus);
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var different = expected.Keys.Where(path => expected[path] != actual[path]).Order(StringComparer.Ordinal).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine($"{different.Count} of {expected.Count} answers differ");
        foreach (var path in different.Take(20))
        {
            TestContext.Current.TestOutputHelper?.WriteLine(FirstDifference(path, expected[path], actual[path]));
        }
        Assert.Empty(different);
    }

    private static readonly string[] ArticlePaths = ["/articles/", "/api/articles/", "/api/share/", "/og/"];

    /// <summary>
    /// Every public answer: each article's page, API answer, share snippet and card; the home page, the listing API, the
    /// feeds, the sitemap and each tag's page and feed, with the further pages and sitemap shards they lead to.
    /// </summary>
    private static async Task<Dictionary<string, string>> CrawlAsync(TestSite site, IReadOnlyList<(string BlobName, string Slug, string Content)> corpus)
    {
        var tags = corpus.SelectMany(article => TagList().Match(article.Content).Groups[1].Value.Split(", ")).Distinct(StringComparer.Ordinal);
        var toRead = new Queue<string>(corpus.SelectMany(article => ArticlePaths
                .Select(prefix => prefix + article.Slug + (prefix == "/og/" ? ".png" : "")))
            .Concat(["/", "/api/articles?top=100", "/feed.xml", "/atom.xml", "/sitemap.xml"])
            .Concat(tags.SelectMany(tag => new[] { $"/tags/{tag}", $"/tags/{tag}/feed.xml" })));
        var seen = toRead.ToHashSet(StringComparer.Ordinal);
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        while (toRead.TryDequeue(out var path))
        {
            var answer = (await PublicAnswers.ReadAsync(site, [path], Cancellation))[path];
            answers[path] = RelatednessScore().Replace(answer, "\"score\":<score>");
            foreach (var next in FurtherPages(path, answer).Where(seen.Add))
            {
                toRead.Enqueue(next);
            }
        }
        return answers;
    }

    /// <summary>The further pages an answer leads to: older pages (rel="next"), sitemap shards, the listing's next page.</summary>
    private static IEnumerable<string> FurtherPages(string path, string answer)
    {
        foreach (Match next in NextLink().Matches(answer))
        {
            yield return System.Net.WebUtility.HtmlDecode(next.Groups[1].Value).Replace(TestSite.PublicBaseUrl, "", StringComparison.Ordinal);
        }
        foreach (Match shard in SitemapShard().Matches(answer))
        {
            yield return shard.Groups[1].Value;
        }
        if (path.StartsWith("/api/articles?", StringComparison.Ordinal) && answer.IndexOf('{') is var start and >= 0
            && JsonDocument.Parse(answer[start..]).RootElement.TryGetProperty("continuationToken", out var token) && token.GetString() is { } continuation)
        {
            yield return "/api/articles?top=100&continuationToken=" + Uri.EscapeDataString(continuation);
        }
    }

    /// <summary>Where two answers part, with some context: what to look at when they differ.</summary>
    private static string FirstDifference(string path, string expected, string actual)
    {
        var at = expected.Zip(actual).TakeWhile(pair => pair.First == pair.Second).Count();
        var from = Math.Max(0, at - 120);
        return $"{path} at {at}:\n  one by one: {expected[from..Math.Min(expected.Length, at + 200)]}\n  burst:      {actual[from..Math.Min(actual.Length, at + 200)]}";
    }

    [GeneratedRegex(@"""score"":[0-9.eE+-]+")]
    private static partial Regex RelatednessScore();

    [GeneratedRegex(@"tags: \[([^\]]*)\]")]
    private static partial Regex TagList();

    [GeneratedRegex("rel=\"next\" href=\"([^\"]+)\"")]
    private static partial Regex NextLink();

    [GeneratedRegex(@"<loc>https://news\.example\.com(/sitemaps/[^<]+)</loc>")]
    private static partial Regex SitemapShard();
}
