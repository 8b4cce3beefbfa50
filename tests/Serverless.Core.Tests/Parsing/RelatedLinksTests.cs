using Serverless.Core.Articles;
using static Serverless.Core.Tests.Parsing.TestArticles;

namespace Serverless.Core.Tests.Parsing;

/// <summary>
/// The trailing "read also" block a CMS appends: taken out of the body and returned as links. A link to another site
/// keeps its target; one to an article of this site is described by its reference keys (slug, then title).
/// </summary>
public sealed class RelatedLinksTests
{
    private const string Story = "The council voted the new plan on Monday evening.";

    private static (string Title, string? Target)[] LinksOf(Article article) =>
        [.. article.Links.Where(link => link.Placement == LinkPlacement.ReadAlso).Select(link => (link.Title, link.Target ?? string.Join(' ', link.Keys)))];

    private static readonly (string, string?)[] TwoLinks = [("First story", "https://example.com/first"), ("Second story", "s:second t:second story")];

    [Theory]
    [InlineData("A lire aussi")]
    [InlineData("À lire aussi :")]
    [InlineData("à LIRE AUSSI:")]
    [InlineData("À lire aussi\u00A0:")]
    [InlineData("Lire aussi")]
    [InlineData("Voir aussi :")]
    [InlineData("Read also")]
    [InlineData("See also:")]
    [InlineData("Related")]
    [InlineData("**À lire aussi :**")]
    [InlineData("## See also")]
    public void Block_introduced_by_a_known_phrase_becomes_related_links(string intro)
    {
        var article = WithBody($"{Story}\n\n{intro}\n\n[First story](https://example.com/first)\n\n[Second story](/articles/second)");

        Assert.Equal(TwoLinks, LinksOf(article));
    }

    [Fact]
    public void Title_named_without_a_link_keeps_the_spaces_around_its_emphasis() =>
        Assert.Equal([("Sony Pictures : la suite", (string?)"t:sony pictures la suite")],
            LinksOf(WithBody($"{Story}\n\nA lire aussi :\n\n**Sony Pictures** : la *suite*")));

    [Fact]
    public void Block_is_removed_from_the_body() =>
        Assert.Equal($"<p>{Story}</p>\n", WithBody($"{Story}\n\nSee also\n\n[First story](https://example.com/first)").BodyHtml);

    [Theory]
    [InlineData("See also:\n\n- [First story](https://example.com/first)\n- [Second story](/articles/second)")]
    [InlineData("See also:\n\n* [First story](https://example.com/first)\n\n* [Second story](/articles/second)")]
    [InlineData("See also:\n[First story](https://example.com/first)\n[Second story](/articles/second)")]
    [InlineData("See also:\n\n[First story](https://example.com/first)  \n[Second story](/articles/second)")]
    public void Links_may_be_a_list_or_lines_of_one_paragraph(string block) =>
        Assert.Equal(TwoLinks, LinksOf(WithBody($"{Story}\n\n{block}")));

    [Fact]
    public void Placeholder_and_empty_targets_are_resolved_by_title()
    {
        var article = WithBody($"{Story}\n\nÀ lire aussi :\n\n[Placeholder](#)\n\n[Empty]()\n\n*[In italics](https://example.com/x)*");

        Assert.Equal([("Placeholder", "t:placeholder"), ("Empty", "t:empty"), ("In italics", "https://example.com/x")], LinksOf(article));
    }

    [Fact]
    public void Unsafe_target_is_dropped_and_the_title_kept() =>
        Assert.Equal([("Bad", (string?)"t:bad")], LinksOf(WithBody($"{Story}\n\nSee also\n\n[Bad](javascript:alert(1))")));

    [Fact]
    public void Block_followed_by_link_reference_definitions_is_still_trailing()
    {
        var article = WithBody($"{Story}\n\nSee also\n\n[First story][1]\n\n[Second story][2]\n\n[1]: https://example.com/first\n[2]: /articles/second");

        Assert.Equal(TwoLinks, LinksOf(article));
        Assert.Equal($"<p>{Story}</p>\n", article.BodyHtml);
    }

    [Fact]
    public void Block_followed_by_footnote_definitions_is_still_trailing_and_the_footnotes_stay()
    {
        var article = WithBody("The council voted[^1] the plan.\n\nSee also\n\n[First story](https://example.com/first)\n\n[^1]: By 31 votes to 12.");

        Assert.Equal([("First story", "https://example.com/first")], LinksOf(article));
        Assert.DoesNotContain("See also", article.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("By 31 votes to 12.", article.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Block_followed_by_ordinary_prose_is_left_in_the_body()
    {
        var article = WithBody($"{Story}\n\nSee also\n\n[First story](https://example.com/first)\n\nThe mayor will speak again on Tuesday.");

        Assert.Empty(article.Links);
        Assert.Contains("<a href=\"https://example.com/first\">First story</a>", article.BodyHtml);
        Assert.Contains("The mayor will speak again on Tuesday.", article.BodyHtml);
    }

    [Fact]
    public void Block_followed_by_prose_of_several_sentences_is_left_in_the_body()
    {
        var article = WithBody($"{Story}\n\nSee also\n\n[First story](https://example.com/first)\n\nThanks for reading. Tell us what you think!");

        Assert.Empty(article.Links);
        Assert.Contains("Tell us what you think!", article.BodyHtml);
    }
}
