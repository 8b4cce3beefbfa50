using Serverless.Core.Rendering;
using Serverless.Core.Tests.Security;
using static Serverless.Core.Tests.Parsing.TestArticles;
using static Serverless.Core.Tests.Rendering.TestSite;

namespace Serverless.Core.Tests.Linking;

/// <summary>
/// A link to another article stays valid, correctly linked HTML whatever sits in or next to it while footnotes are
/// enabled: the marker's end (<see cref="Core.Linking.BodyLinks"/> takes the next &lt;/a&gt;) is never a footnote's.
/// </summary>
public sealed class NestedInlineLinkTests
{
    private static (string Page, AngleSharp.Dom.IElement Body) PageOf(string markdown, string? href)
    {
        var article = Parse($"---\ntitle: Nested\n---\n{markdown}\n\n[^1]: A note with [a link](/articles/the-vote).\n");
        var page = PageRenderer.Render(ArticlePage.Standalone(article) with { BodyLinkHrefs = [.. article.Links.Select(_ => href)] });
        return (page, PageSafety.Parse(page).QuerySelector("article .body")!);
    }

    [Theory]
    [InlineData("/articles/the-vote")]
    [InlineData(null)]
    public void Footnote_reference_after_an_internal_link_leaves_both_links_whole(string? href)
    {
        var (page, body) = PageOf("See [the *vote* today](/articles/the-vote)[^1] and more.", href);

        Assert.Empty(PageSafety.Violations(page));
        Assert.Equal(href is null ? [] : ["the vote today", "a link"], body.QuerySelectorAll("a[href='/articles/the-vote']").Select(link => link.TextContent));
        Assert.Equal("1", Assert.Single(body.QuerySelectorAll("a.footnote-ref")).TextContent);
        Assert.Contains("the vote today1 and more.", body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Footnote_reference_written_inside_link_text_keeps_the_text_and_the_footnote_and_makes_no_nested_link()
    {
        // Markdig takes [^1] as the footnote first, so the brackets around it are text: no link to nest it in.
        var (page, body) = PageOf("See [the *vote*[^1] today](/articles/the-vote) and more.", "/articles/the-vote");

        Assert.Empty(PageSafety.Violations(page));
        Assert.Empty(body.QuerySelectorAll("a a"));
        Assert.Single(body.QuerySelectorAll("a.footnote-ref"));
        Assert.Contains("today](/articles/the-vote) and more.", body.TextContent, StringComparison.Ordinal);
    }
}
