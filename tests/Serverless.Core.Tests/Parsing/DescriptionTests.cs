using static Serverless.Core.Tests.Parsing.TestArticles;

namespace Serverless.Core.Tests.Parsing;

/// <summary>The description: front matter, else the first paragraph as plain text, at most 200 characters.</summary>
public sealed class DescriptionTests
{
    [Fact]
    public void Description_is_the_front_matter_description() =>
        Assert.Equal("Written by the author.", Parse("---\ndescription: Written by the author.\n---\n# Title\n\nFirst paragraph.").Description);

    [Fact]
    public void Description_is_the_first_paragraph_without_markdown_syntax() =>
        Assert.Equal(
            "Some bold, italic, a link, code and an escaped *star*.",
            WithBody("Some **bold**, _italic_, [a link](https://example.com), `code`\nand an escaped \\*star\\*.\n\nSecond paragraph.").Description);

    [Theory]
    [InlineData("It&amp;rsquo;s here.", "It&rsquo;s here.")]
    [InlineData("It&rsquo;s here.", "It’s here.")]
    [InlineData("Fish &amp; chips &lt;3", "Fish & chips <3")]
    public void Entities_are_decoded_exactly_once(string paragraph, string description) =>
        Assert.Equal(description, WithBody(paragraph).Description);

    [Fact]
    public void Long_first_paragraph_is_cut_at_a_word_boundary_with_an_ellipsis()
    {
        var paragraph = string.Concat(Enumerable.Repeat("The minister said again. ", 12)); // 300 characters

        var description = WithBody(paragraph).Description;

        // 8 sentences (199 characters with their spaces) fit; the cut drops the trailing space and adds "…".
        Assert.Equal(string.Join(' ', Enumerable.Repeat("The minister said again.", 8)) + "…", description);
    }

    [Fact]
    public void Long_front_matter_description_is_cut_too() =>
        Assert.Equal(200, Parse($"---\ndescription: {string.Concat(Enumerable.Repeat("word ", 60))}\n---\n# Title\n\nBody.").Description.Length);

    [Fact]
    public void Description_is_never_taken_from_the_related_links_block() =>
        Assert.Equal("First point Second point", WithBody("- First point\n- Second point\n\nSee also:\n\n[Another story](https://example.com/other)").Description);
}
