using Serverless.Core.Articles;
using Serverless.Core.Rendering;
using static Serverless.Core.Tests.Parsing.TestArticles;
using static Serverless.Core.Tests.Rendering.TestSite;

namespace Serverless.Core.Tests.Security;

/// <summary>What the property tests found, kept as specifications: each page must parse as HTML5 without a parse error.</summary>
public sealed class GeneratedInputFindingsTests
{
    private static string PageOf(Article article) => PageRenderer.Render(ArticlePage.Standalone(article));

    [Fact]
    public void Control_characters_are_dropped_from_the_body()
    {
        var article = WithBody("Bell\u0007 and\u0016 escape\u001B and next line\u0085 here.");

        Assert.Equal("<p>Bell and escape and next line here.</p>\n", article.BodyHtml);
        Assert.Contains("4 invisible control characters (such as U+0007 or U+001B) were removed from the text.", article.Warnings);
        Assert.Empty(PageSafety.Violations(PageOf(article)));
    }

    [Fact]
    public void Control_characters_escaped_in_front_matter_are_dropped()
    {
        var article = Parse("---\ntitle: \"Budget\\u0016 vote\"\ntags: \"a\\u0001b, c\"\nauthor: \"Jane\\u007F Doe\"\n---\nBody.");

        Assert.Equal(("Budget vote", "Jane Doe"), (article.Title, article.Author));
        Assert.Equal(["ab", "c"], article.Tags);
        Assert.Empty(PageSafety.Violations(PageOf(article)));
    }

    [Fact]
    public void Autolink_in_the_text_of_a_link_is_text_so_links_never_nest()
    {
        var external = WithBody("See [the site <https://example.com/a> now](https://example.com/b).");
        var internalLink = WithBody("See [the vote <https://example.com/a>](/articles/the-vote).");
        var page = PageRenderer.Render(ArticlePage.Standalone(internalLink) with { BodyLinkHrefs = ["/articles/the-vote"] });

        Assert.Equal("<p>See <a href=\"https://example.com/b\">the site https://example.com/a now</a>.</p>\n", external.BodyHtml);
        Assert.Contains("<a href=\"/articles/the-vote\">the vote https://example.com/a</a>", page, StringComparison.Ordinal);
        Assert.Empty(PageSafety.Violations(page));
    }
}
