using BenchmarkDotNet.Attributes;
using Serverless.Core.Articles;
using Serverless.Core.Parsing;

namespace Serverless.Benchmarks;

/// <summary>
/// The sample is a CMS export (headline on the first line, no Markdown heading). Until commit d2714dd, ArticleParser
/// parsed such a text twice (the whole text, then the body again once no title was found): the CMS form cost one
/// Markdig parse more than the same article with "# " before its headline. Both should now cost the same.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class HeadlineBenchmarks
{
    private ArticleParser _parser = null!;
    private ArticleSource _cmsExport = null!;
    private ArticleSource _markdown = null!;

    [GlobalSetup]
    public void Setup()
    {
        _parser = BenchmarkArticles.NewParser();
        _cmsExport = BenchmarkArticles.Source(BenchmarkArticles.Sample);
        var text = _cmsExport.Text.TrimStart();
        _markdown = _cmsExport with { Name = "sony-pictures-the-interview.md", Text = "# " + text };
        if (_parser.Parse(_markdown).Title != _parser.Parse(_cmsExport).Title)
        {
            throw new InvalidOperationException("The two forms of the sample should give the same title.");
        }
    }

    [Benchmark(Baseline = true, Description = "Parse sample: headline line (CMS)")]
    public Article CmsExport() => _parser.Parse(_cmsExport);

    [Benchmark(Description = "Parse sample: '# headline' (Markdown)")]
    public Article Markdown() => _parser.Parse(_markdown);
}
