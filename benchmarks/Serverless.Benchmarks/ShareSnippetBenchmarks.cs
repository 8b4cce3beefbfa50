using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Serverless.Core.Articles;
using Serverless.Core.Http;
using Serverless.Core.Rendering;

namespace Serverless.Benchmarks;

/// <summary>
/// What <c>GET /api/share/{slug}</c> costs in CPU for the sample, storage aside: building the snippet (tweet and
/// Bluesky texts fitted, share-intent URLs, the meta-tag block, the card's version), and serialising it with the
/// API's JSON options, as the handler answers it.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class ShareSnippetBenchmarks
{
    private ShareSnippetBuilder _builder = null!;
    private Article _article = null!;
    private ShareSnippet _snippet = null!;

    [GlobalSetup]
    public void Setup()
    {
        _article = BenchmarkArticles.NewParser().Parse(BenchmarkArticles.Source(BenchmarkArticles.Sample));
        var urls = new SiteUrls(BenchmarkArticles.Site);
        _builder = new ShareSnippetBuilder(BenchmarkArticles.Site, urls, new SocialMetaTags(BenchmarkArticles.Site, urls));
        _snippet = _builder.Build(_article);
    }

    [Benchmark(Baseline = true, Description = "Build snippet")]
    public ShareSnippet Build() => _builder.Build(_article);

    [Benchmark(Description = "Serialise snippet (API JSON)")]
    public byte[] Serialise() => JsonSerializer.SerializeToUtf8Bytes(_snippet, ApiHandlers.ApiJson);

    [Benchmark(Description = "Build + serialise")]
    public byte[] BuildAndSerialise() => JsonSerializer.SerializeToUtf8Bytes(_builder.Build(_article), ApiHandlers.ApiJson);
}
