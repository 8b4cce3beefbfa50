using BenchmarkDotNet.Attributes;
using Markdig;
using Serverless.Core.Articles;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;

namespace Serverless.Benchmarks;

/// <summary>
/// What publishing one article costs, against Markdig alone on the same text and pipeline:
/// (a) Markdig's Markdown.ToHtml, (b) our ArticleParser.Parse (metadata and body HTML), (c) Parse then the complete page, as the UTF-8 bytes that are stored.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class RenderBenchmarks
{
    private readonly MarkdownPipeline _pipeline = MarkdownPipelines.Article;
    private ArticleParser _parser = null!;
    private ArticlePageRenderer _renderer = null!;
    private ArticleSource _source = null!;

    [Params(BenchmarkArticles.Sample, BenchmarkArticles.Synthetic)]
    public string Article { get; set; } = BenchmarkArticles.Sample;

    [GlobalSetup]
    public void Setup()
    {
        _parser = BenchmarkArticles.NewParser();
        _renderer = BenchmarkArticles.NewRenderer();
        _source = BenchmarkArticles.Source(Article);
    }

    [Benchmark(Baseline = true, Description = "Markdig ToHtml")]
    public string MarkdigToHtml() => Markdown.ToHtml(_source.Text, _pipeline);

    [Benchmark(Description = "ArticleParser.Parse")]
    public Article Parse() => _parser.Parse(_source);

    /// <summary>The page as it is stored: UTF-8 bytes (<see cref="ArticlePageRenderer.RenderUtf8"/>).</summary>
    [Benchmark(Description = "Parse + page Render")]
    public byte[] ParseAndRender() => _renderer.RenderUtf8(ArticlePage.Standalone(_parser.Parse(_source)));
}
