using Serverless.Core.Parsing;
using static Serverless.Core.Tests.Parsing.TestArticles;

namespace Serverless.Core.Tests.Parsing;

/// <summary>
/// Markdown built to exhaust a parser: each is refused with what to change, never an exception of another
/// kind (which the publisher could only report as unreadable). How fast each is, is measured in PathologicalMarkdownBenchmarks.
/// </summary>
public sealed class PathologicalMarkdownTests
{
    private static readonly string TooDeep = $"The article's Markdown nests more than {ArticleParser.MaxNestingDepth} levels deep (quotes '>', lists, or brackets '[' and emphasis '*' left open): flatten the quotes and lists, and write a bracket or star meant as text as \\[ or \\*.";

    public static string Brackets { get; } = new('[', 100_000);
    public static string NestedQuotes { get; } = new string('>', 10_000) + " deepest";
    public static string UnmatchedEmphasis { get; } = string.Concat(Enumerable.Repeat("*a ", 50_000));
    public static string NestedLists { get; } = string.Concat(Enumerable.Repeat("- ", 5_000)) + "deepest";

    [Theory]
    [MemberData(nameof(TooDeeplyNested))]
    public void Markdown_nested_or_left_open_past_the_limit_is_refused_with_what_to_change(string article) =>
        Assert.Equal(TooDeep, Rejects(article).Message);

    public static TheoryData<string> TooDeeplyNested => new()
    {
        "# Brackets\n\n" + Brackets,
        "# Emphasis\n\n" + UnmatchedEmphasis,
        "# Quotes\n\n" + NestedQuotes,
        "# Lists\n\n" + NestedLists,
        // Headline-first CMS exports: in the body, and as the first line (parsed on its own).
        "Quotes\n\n" + NestedQuotes,
        "Lists\n\n" + NestedLists,
        NestedLists + "\n\nThe body.",
        NestedQuotes + "\n\nThe body.",
    };

    [Fact]
    public void Code_full_of_stars_and_closed_emphasis_are_published()
    {
        var code = "```c\n" + string.Concat(Enumerable.Repeat("*p = *q + *r;\n", 200)) + "```";
        var emphasis = string.Concat(Enumerable.Repeat("*a* and _b_ ", 500));

        var article = Parse("# Stars\n\n" + code + "\n\n" + emphasis);

        Assert.Contains("<em>a</em>", article.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_published()
    {
        var article = Parse("# Lists\n\n" + string.Concat(Enumerable.Repeat("> ", ArticleParser.MaxNestingDepth / 2)) + "deep enough");

        Assert.Contains("deep enough", article.BodyHtml, StringComparison.Ordinal);
    }
}
