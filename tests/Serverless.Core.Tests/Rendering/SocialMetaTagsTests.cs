using Serverless.Core.Configuration;
using Serverless.Core.Rendering;
using static Serverless.Core.Tests.Rendering.TestSite;

namespace Serverless.Core.Tests.Rendering;

/// <summary>The Open Graph and Twitter card tags that social networks read when a link is posted.</summary>
public sealed class SocialMetaTagsTests
{
    private static readonly string Tags = SocialTags.Render(Article());

    [Theory]
    [InlineData("og:type", "article")]
    [InlineData("og:title", "Budget vote delayed")]
    [InlineData("og:description", "The vote moves to next week.")]
    [InlineData("og:url", ArticleUrl)]
    [InlineData("og:site_name", Name)]
    [InlineData("twitter:title", "Budget vote delayed")]
    [InlineData("twitter:description", "The vote moves to next week.")]
    [InlineData("twitter:site", "@examplenews")]
    [InlineData("article:published_time", "2024-12-20T09:30:00+01:00")]
    public void Tag_has_the_article_value(string property, string content) => Assert.Equal(content, Meta(Tags, property));

    [Theory]
    [InlineData("fr", "fr_FR")]
    [InlineData("en", "en_US")]
    [InlineData("fr-CA", "fr_CA")]
    [InlineData("de", "de_DE")]
    public void Og_locale_is_the_language_with_its_territory(string language, string locale) =>
        Assert.Equal(locale, Meta(SocialTags.Render(Article(language: language)), "og:locale"));

    [Theory]
    [InlineData("/images/budget.jpg", "https://news.example.com/images/budget.jpg")]
    [InlineData("images/budget.jpg", "https://news.example.com/images/budget.jpg")]
    [InlineData("https://cdn.example.org/a.jpg", "https://cdn.example.org/a.jpg")]
    public void Image_is_absolute_in_og_and_twitter_tags(string image, string absolute)
    {
        var tags = SocialTags.Render(Article(image: image));

        Assert.Equal((absolute, absolute, "The parliament at night"), (Meta(tags, "og:image"), Meta(tags, "twitter:image"), Meta(tags, "og:image:alt")));
    }

    [Theory]
    [InlineData("/a.jpg", "summary_large_image", 1)]
    [InlineData(null, "summary", 0)]
    public void Card_is_summary_large_image_with_an_image_else_summary(string? image, string card, int imageTags)
    {
        var tags = SocialTags.Render(Article(image: image));

        Assert.Equal((card, imageTags, imageTags), (Meta(tags, "twitter:card"), MetaContents(tags, "og:image").Length, MetaContents(tags, "twitter:image").Length));
    }

    [Fact]
    public void Site_default_image_is_shared_when_the_article_has_none()
    {
        var site = new SiteOptions { PublicBaseUrl = BaseUrl, Name = Name, DefaultImage = "/default.png" };

        var tags = new SocialMetaTags(site, new SiteUrls(site)).Render(Article());

        Assert.Equal(("https://news.example.com/default.png", "summary_large_image"), (Meta(tags, "og:image"), Meta(tags, "twitter:card")));
    }

    [Fact]
    public void Twitter_title_is_cut_to_70_characters_at_a_word_boundary()
    {
        var title = string.Join(' ', Enumerable.Repeat("Parliament", 10)); // 109 characters

        var cut = Meta(SocialTags.Render(Article(title: title)), "twitter:title");

        Assert.Equal(string.Join(' ', Enumerable.Repeat("Parliament", 6)) + "…", cut); // 66 + 1 characters
        Assert.Equal(title, Meta(SocialTags.Render(Article(title: title)), "og:title"));
    }

    [Fact]
    public void Twitter_description_is_cut_to_200_characters()
    {
        var description = string.Concat(Enumerable.Repeat("The vote moves. ", 20)).TrimEnd(); // 319 characters

        var cut = Meta(SocialTags.Render(Article(description: description)), "twitter:description");

        Assert.Equal(string.Join(' ', Enumerable.Repeat("The vote moves.", 12)) + " The…", cut); // 196 characters: " vote" would pass 200
    }

    [Fact]
    public void Description_with_quotes_angle_brackets_and_ampersand_is_encoded_in_the_attribute() =>
        Assert.Contains("<meta name=\"description\" content=\"Q&amp;A: &quot;why&quot; &lt;now&gt;?\">",
            SocialTags.Render(Article(description: "Q&A: \"why\" <now>?")), StringComparison.Ordinal);
}
