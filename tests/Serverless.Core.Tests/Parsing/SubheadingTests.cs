using static Serverless.Core.Tests.Parsing.TestArticles;

namespace Serverless.Core.Tests.Parsing;

/// <summary>CMS exports have no Markdown headings: a short standalone line between paragraphs is their subheading.</summary>
public sealed class SubheadingTests
{
    private const string Before = "The council voted the new plan on Monday evening.";
    private const string After = "Work on the bridge starts in spring.";

    [Fact]
    public void Short_standalone_line_between_paragraphs_becomes_an_h2() =>
        Assert.Equal(
            $"<p>{Before}</p>\n<h2>What happens next</h2>\n<p>{After}</p>\n",
            WithBody($"{Before}\n\nWhat happens next\n\n{After}").BodyHtml);

    [Theory]
    [InlineData("It was a long night.")]
    [InlineData("What happens next?")]
    [InlineData("He said:")]
    [InlineData("Incredible!")]
    public void Line_ending_with_terminal_punctuation_stays_a_paragraph(string line) =>
        Assert.Contains($"<p>{line}</p>", WithBody($"{Before}\n\n{line}\n\n{After}").BodyHtml);

    [Fact]
    public void Standalone_line_stays_a_paragraph_in_an_article_with_its_own_headings() =>
        Assert.Contains("<p>What happens next</p>", WithBody($"## Background\n\n{Before}\n\nWhat happens next\n\n{After}").BodyHtml);

    [Fact]
    public void Title_heading_does_not_count_as_a_heading_of_the_article() =>
        Assert.Contains("<h2>What happens next</h2>", Parse($"# Title\n\n{Before}\n\nWhat happens next\n\n{After}").BodyHtml);

    [Fact]
    public void Heading_dropped_for_repeating_the_front_matter_title_does_not_count_as_a_heading_of_the_article() =>
        Assert.Contains("<h2>What happens next</h2>", Parse($"---\ntitle: Title\n---\n# Title\n\n{Before}\n\nWhat happens next\n\n{After}").BodyHtml);

    [Fact]
    public void Standalone_line_stays_a_paragraph_after_a_leading_heading_that_is_not_the_front_matter_title() =>
        Assert.Contains("<p>What happens next</p>", Parse($"---\ntitle: Title\n---\n# Background\n\n{Before}\n\nWhat happens next\n\n{After}").BodyHtml);

    [Fact]
    public void Line_longer_than_100_characters_stays_a_paragraph()
    {
        var line = new string('x', 50) + " " + new string('y', 50);

        Assert.Contains($"<p>{line}</p>", WithBody($"{Before}\n\n{line}\n\n{After}").BodyHtml);
    }

    [Fact]
    public void First_and_last_paragraphs_are_never_subheadings() =>
        Assert.Equal("<p>Opening words</p>\n<p>Closing words</p>\n", WithBody("Opening words\n\nClosing words").BodyHtml);
}
