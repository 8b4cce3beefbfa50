using Serverless.Core.Render.Outputs;

namespace Serverless.Core.Tests.Syndication;

/// <summary>The tags an article is listed under, in their URL form.</summary>
public sealed class TagSlugTests
{
    [Fact]
    public void Tags_written_differently_share_one_slug() =>
        Assert.Equal(["cyber-securite"], TagOutput.TagSlugs(["Cyber-sécurité", "cyber sécurité", "CYBER  SECURITE"]));

    [Fact]
    public void Tags_without_letters_or_digits_are_left_out() =>
        Assert.Equal(["azure"], TagOutput.TagSlugs(["!!!", "azure", "—"]));

    [Fact]
    public void An_article_is_listed_under_its_first_ten_tags() =>
        Assert.Equal([.. Enumerable.Range(1, TagOutput.MaxTagsPerArticle).Select(i => $"tag-{i}")],
            TagOutput.TagSlugs([.. Enumerable.Range(1, 15).Select(i => $"Tag {i}")]));
}
