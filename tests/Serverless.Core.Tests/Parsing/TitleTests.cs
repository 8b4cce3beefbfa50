using static Serverless.Core.Tests.Parsing.TestArticles;

namespace Serverless.Core.Tests.Parsing;

/// <summary>The title: front matter, else the first '#' heading, else the first non-empty line (headline-first CMS exports).</summary>
public sealed class TitleTests
{
    [Fact]
    public void Title_is_the_first_level_one_heading() =>
        Assert.Equal("Markets rally", Parse("Opening line of the article.\n\n# Markets rally\n\nBody.").Title);

    [Fact]
    public void Heading_used_as_title_is_not_repeated_in_the_body() =>
        Assert.Equal("<p>Body.</p>\n", Parse("# Markets rally\n\nBody.").BodyHtml);

    [Fact]
    public void Without_a_heading_the_title_is_the_first_non_empty_line() =>
        Assert.Equal("Markets rally after the vote", Parse("\n\n  \nMarkets rally after the vote\n\nBody.").Title);

    [Fact]
    public void Headline_line_is_not_repeated_in_the_body() =>
        Assert.Equal("<p>Body.</p>\n", Parse("Markets rally after the vote\n\nBody.").BodyHtml);

    [Fact]
    public void Headline_is_the_first_line_after_a_front_matter_without_title()
    {
        var article = Parse("---\nauthor: Jane Doe\n---\nMarkets rally after the vote\n\nBody.");

        Assert.Equal(("Markets rally after the vote", "<p>Body.</p>\n"), (article.Title, article.BodyHtml));
    }

    [Fact]
    public void Headline_is_found_in_a_file_with_windows_line_endings() =>
        Assert.Equal("Markets rally", Parse("---\r\nauthor: Jane\r\n---\r\nMarkets rally\r\n\r\nBody.").Title);

    [Theory]
    [InlineData("# Markets *rally* &amp; `bonds`")]
    [InlineData("**Markets rally** &amp; `bonds`")]
    public void Title_is_plain_text_without_markdown_syntax(string firstLine) =>
        Assert.Equal("Markets rally & bonds", Parse(firstLine + "\n\nBody.").Title);

    [Theory]
    [InlineData("")]
    [InlineData("  \n\n \n")]
    [InlineData("---\nauthor: Jane Doe\n---\n")]
    public void Article_without_a_title_is_a_format_error(string text) =>
        Assert.StartsWith("The article has no title", Rejects(text).Message, StringComparison.Ordinal);

    [Fact]
    public void First_line_longer_than_250_characters_is_a_paragraph_not_a_headline() =>
        Assert.Equal(
            "The title is 251 characters long (at most 250): the first line looks like a paragraph, not a headline. Put the headline on the first line or in the front matter.",
            Rejects(new string('a', 251) + "\n\nBody.").Message);

    [Fact]
    public void Front_matter_title_too_long_is_a_format_error_asking_to_shorten_it() =>
        Assert.Equal(
            "Front matter 'title' is 10000 characters long (at most 250): shorten it.",
            Rejects($"---\ntitle: {new string('a', 10_000)}\n---\nBody.").Message);

    [Fact]
    public void Heading_title_too_long_is_a_format_error_about_the_heading() =>
        Assert.Equal(
            "The '# ' heading used as the title is 251 characters long (at most 250): shorten it.",
            Rejects($"# {new string('a', 251)}\n\nBody.").Message);

    [Fact]
    public void Title_of_250_characters_is_accepted() =>
        Assert.Equal(250, Parse(new string('a', 250) + "\n\nBody.").Title.Length);

    [Fact]
    public void Title_without_body_text_is_a_format_error() =>
        Assert.Equal("The article has a title but no body text.", Rejects("# Only a title\n").Message);

    [Fact]
    public void Control_characters_are_removed_from_the_text_with_a_warning()
    {
        var article = Parse("# Bell\u0007 and\u001B escape\n\nA body\u0000 with a \uFFFF noncharacter.");

        Assert.Equal(("Bell and escape", "<p>A body with a  noncharacter.</p>\n"), (article.Title, article.BodyHtml));
        Assert.Contains("4 invisible control characters (such as U+0007 or U+001B) were removed from the text.", article.Warnings);
    }

    [Fact]
    public void Control_characters_written_as_yaml_escapes_are_dropped_from_front_matter_text() =>
        Assert.Equal("Tab and bell", Parse("---\ntitle: \"Tab\\tand bell\\a\"\n---\nBody.").Title);
}
