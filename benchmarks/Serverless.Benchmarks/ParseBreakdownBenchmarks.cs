using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Serverless.Core.Articles;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;

namespace Serverless.Benchmarks;

/// <summary>
/// Where the time of <see cref="RenderBenchmarks"/> goes: each step of ArticleParser.Parse and ArticlePageRenderer.Render
/// measured on its own, on the same inputs. Private steps of the parser are reproduced here line for line.
/// Compare each row with the "Markdig ToHtml" baseline.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class ParseBreakdownBenchmarks
{
    private readonly MarkdownPipeline _pipeline = MarkdownPipelines.Article;
    private ArticleSource _source = null!;
    private MarkdownDocument _document = null!;
    private string _yaml = string.Empty;
    private string _bodyText = string.Empty;
    private Article _article = null!;
    private ArticlePageRenderer _renderer = null!;
    private SocialMetaTags _socialTags = null!;

    [Params(BenchmarkArticles.Sample, BenchmarkArticles.Synthetic)]
    public string Article { get; set; } = BenchmarkArticles.Sample;

    [GlobalSetup]
    public void Setup()
    {
        _source = BenchmarkArticles.Source(Article);
        _document = Markdown.Parse(_source.Text, _pipeline);
        if (_document.Count > 0 && _document[0] is YamlFrontMatterBlock block)
        {
            _yaml = block.Lines.ToString();
            _document.RemoveAt(0);
        }
        _bodyText = PlainText.Of(_document);
        _article = BenchmarkArticles.NewParser().Parse(_source);
        _renderer = BenchmarkArticles.NewRenderer();
        var urls = new SiteUrls(BenchmarkArticles.Site);
        _socialTags = new SocialMetaTags(BenchmarkArticles.Site, urls);
    }

    [Benchmark(Baseline = true, Description = "Markdig ToHtml")]
    public string MarkdigToHtml() => Markdown.ToHtml(_source.Text, _pipeline);

    [Benchmark(Description = "Normalize(FormC)")]
    public string NormalizeFormC() => _source.Text.Normalize(NormalizationForm.FormC);

    [Benchmark(Description = "Markdig Parse")]
    public MarkdownDocument MarkdigParse() => Markdown.Parse(_source.Text, _pipeline);

    /// <summary>Markdig's render on a document parsed once in setup (rendering does not change it), with a new renderer each time.</summary>
    [Benchmark(Description = "Markdig render of parsed doc")]
    public string MarkdigRender()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer);
        _pipeline.Setup(renderer);
        renderer.Render(_document);
        writer.Flush();
        return writer.ToString();
    }

    [Benchmark(Description = "FrontMatter.Parse (YAML)")]
    public FrontMatter FrontMatterParse() => FrontMatter.Parse(_yaml, firstLine: 2);

    /// <summary>A fresh parse each time (Extract removes the block it finds): subtract "Markdig Parse".</summary>
    [Benchmark(Description = "Markdig Parse + RelatedLinks")]
    public int ParseAndExtractRelatedLinks() => RelatedLinksBlock.Extract(Markdown.Parse(_source.Text, _pipeline)).Count;

    /// <summary>The link walk of ArticleLinkReader.ProcessLinks (one <see cref="InlineWalk"/>, the plain text of each link) and the heading check, without changing anything.</summary>
    [Benchmark(Description = "Link/heading tree walks")]
    public int TreeWalks()
    {
        var count = 0;
        InlineWalk.Visit(_document, inline =>
        {
            if (inline is LinkInline link)
            {
                count += PlainText.Of(link).Length + (SafeUrls.IsPlaceholder(link.Url) || !SafeUrls.IsAllowed(link.Url) ? 1 : 0);
            }
            else if (inline is AutolinkInline)
            {
                count++;
            }
        });
        return count + (_document.Descendants<HeadingBlock>().Any() ? 1 : 0);
    }

    [Benchmark(Description = "PlainText.Of(document)")]
    public string PlainTextOfDocument() => PlainText.Of(_document);

    /// <summary>Word count, language votes and terms for relatedness, in the one pass over the words the parser makes.</summary>
    [Benchmark(Description = "BodyWords.Read (count, language, terms)")]
    public int ReadBodyWords() => BodyWords.Read(_article.Title, _bodyText).Count;

    [Benchmark(Description = "Slugs.From(title)")]
    public string Slug() => Slugs.From(_article.Title);

    [Benchmark(Description = "Page Render (parsed Article)")]
    public byte[] PageRender() => _renderer.RenderUtf8(ArticlePage.Standalone(_article));

    [Benchmark(Description = "SocialMetaTags.Render")]
    public string SocialTags() => _socialTags.Render(_article);

    [Benchmark(Description = "OpenGraphLocale.For + Culture")]
    public int Locale() => OpenGraphLocale.For(_article.Language).Length + OpenGraphLocale.Culture(_article.Language).LCID;
}
