using static Serverless.Core.Tests.Parsing.TestArticles;

namespace Serverless.Core.Tests.Parsing;

/// <summary>The page shows the title as its only &lt;h1&gt;: no level-1 heading is left in the body.</summary>
public sealed class HeadingTests
{
    [Fact]
    public void Leading_heading_repeating_the_front_matter_title_is_dropped_with_a_warning()
    {
        var article = Parse("---\ntitle: Budget vote delayed\n---\n# Budget vote delayed\n\nThe vote was postponed.");

        Assert.Equal(("Budget vote delayed", "<p>The vote was postponed.</p>\n"), (article.Title, article.BodyHtml));
        Assert.Equal(["The '# Budget vote delayed' heading repeats the front-matter title and was dropped."], article.Warnings);
    }

    [Fact]
    public void Leading_heading_repeats_the_front_matter_title_regardless_of_case_quotes_and_ellipses()
    {
        var article = Parse("---\ntitle: L'Empire contre-attaque...\n---\n# L’empire contre-attaque…\n\nLa suite.");

        Assert.Equal(("<p>La suite.</p>\n", "The '# L’empire contre-attaque…' heading repeats the front-matter title and was dropped."),
            (article.BodyHtml, Assert.Single(article.Warnings)));
    }

    [Fact]
    public void Leading_heading_with_another_text_than_the_front_matter_title_becomes_an_h2_with_a_warning()
    {
        var article = Parse("---\ntitle: Budget vote delayed\n---\n# What the minister said\n\nThe vote was postponed.");

        Assert.Equal("<h2 id=\"what-the-minister-said\">What the minister said</h2>\n<p>The vote was postponed.</p>\n", article.BodyHtml);
        Assert.Equal(["The '# What the minister said' heading differs from the front-matter title, so it is shown as a subheading."], article.Warnings);
    }

    [Fact]
    public void Heading_repeating_the_front_matter_title_after_the_first_block_becomes_an_h2() =>
        Assert.Equal(
            "<p>Intro.</p>\n<h2 id=\"budget-vote-delayed\">Budget vote delayed</h2>\n<p>Body.</p>\n",
            Parse("---\ntitle: Budget vote delayed\n---\nIntro.\n\n# Budget vote delayed\n\nBody.").BodyHtml);

    [Fact]
    public void Level_one_heading_after_the_title_heading_becomes_an_h2() =>
        Assert.Equal(
            "<p>Intro.</p>\n<h2 id=\"part-two\">Part two</h2>\n<p>More.</p>\n",
            Parse("# Title\n\nIntro.\n\n# Part two\n\nMore.").BodyHtml);

    [Fact]
    public void Underlined_level_one_heading_in_the_body_becomes_an_h2() =>
        Assert.Equal(
            "<p>Intro.</p>\n<h2 id=\"part-two\">Part two</h2>\n<p>More.</p>\n",
            Parse("# Title\n\nIntro.\n\nPart two\n========\n\nMore.").BodyHtml);

    [Fact]
    public void Level_one_heading_nested_in_a_quote_becomes_an_h2() =>
        Assert.Equal(
            "<blockquote>\n<h2 id=\"quoted\">Quoted</h2>\n</blockquote>\n<p>More.</p>\n",
            Parse("# Title\n\n> # Quoted\n\nMore.").BodyHtml);

    [Fact]
    public void Lower_level_headings_keep_their_level() =>
        Assert.Equal(
            "<h2 id=\"section\">Section</h2>\n<h3 id=\"detail\">Detail</h3>\n<p>Text.</p>\n",
            Parse("# Title\n\n## Section\n\n### Detail\n\nText.").BodyHtml);
}
