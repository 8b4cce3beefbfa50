using BenchmarkDotNet.Attributes;
using Serverless.Core.Parsing;

namespace Serverless.Benchmarks;

/// <summary>
/// Markdown built to exhaust a parser (issue 7): how long ArticleParser takes to publish or refuse each. Every one is
/// refused past Markdig's nesting limit (ArticleParser.MaxNestingDepth) with a message for the author; this measures
/// that the refusal comes fast, whether the input is Markdown or a headline-first CMS export.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class PathologicalMarkdownBenchmarks
{
    private static readonly string Brackets = new('[', 100_000);
    private static readonly string Quotes = new string('>', 10_000) + " deepest";
    private static readonly string Emphasis = string.Concat(Enumerable.Repeat("*a ", 50_000));
    private static readonly string Lists = string.Concat(Enumerable.Repeat("- ", 5_000)) + "deepest";

    private ArticleParser _parser = null!;

    [Params("100,000 [", "10,000 nested >", "50,000 unmatched *a", "5,000 nested lists", "5,000 nested lists, headline-first", "10,000 nested >, headline-first")]
    public string Input { get; set; } = string.Empty;

    private string _text = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _parser = BenchmarkArticles.NewParser();
        _text = Input switch
        {
            "100,000 [" => "# Brackets\n\n" + Brackets,
            "10,000 nested >" => "# Quotes\n\n" + Quotes,
            "50,000 unmatched *a" => "# Emphasis\n\n" + Emphasis,
            "5,000 nested lists" => "# Lists\n\n" + Lists,
            "5,000 nested lists, headline-first" => Lists + "\n\nThe body.",
            "10,000 nested >, headline-first" => "Quotes\n\n" + Quotes,
            _ => throw new ArgumentException(Input),
        };
        if (Parse() is not { Length: > 0 })
        {
            throw new InvalidOperationException($"'{Input}' should be refused with a message.");
        }
    }

    /// <summary>The outcome: the author's message (refused), or the empty string (published).</summary>
    [Benchmark(Description = "ArticleParser.Parse (publish or refuse)")]
    public string Parse()
    {
        try
        {
            _parser.Parse(new ArticleSource("pathological.md", _text, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch));
            return string.Empty;
        }
        catch (ArticleFormatException exception)
        {
            return exception.Message;
        }
    }
}
