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
    [InlineData("article:modified_time", "2024-12-21T10:00:00+01:00")]
    [InlineData("article:author", "https://news.example.com/team/jane-doe")]
    [InlineData("article:section", "politics")]
    [InlineData("twitter:creator", "@janedoe")]
    [InlineData("twitter:card", "summary_large_image")]
    public void Tag_has_the_article_value(string property, string content) => Assert.Equal(content, Meta(Tags, property));

    [Theory]
    [InlineData("twitter:label1", "Reading time")]
    [InlineData("twitter:data1", "3 min read")]
    [InlineData("twitter:label2", "Section")]
    [InlineData("twitter:data2", "politics")]
    [InlineData("theme-color", SiteLayout.AccentColor)]
    public void Slack_fields_and_discord_colour_have_the_article_values(string name, string content) => Assert.Equal(content, Meta(Tags, name));

    [Fact]
    public void Without_a_section_slack_shows_the_author()
    {
        var tags = SocialTags.Render(Article() with { Section = null });

        Assert.Equal(("By", "Jane Doe"), (Meta(tags, "twitter:label2"), Meta(tags, "twitter:data2")));
    }

    [Fact]
    public void French_articles_label_the_fields_in_french()
    {
        var tags = SocialTags.Render(Article(language: "fr"));

        Assert.Equal(("Temps de lecture", "3 min de lecture", "Rubrique"), (Meta(tags, "twitter:label1"), Meta(tags, "twitter:data1"), Meta(tags, "twitter:label2")));
    }

    [Fact]
    public void Fediverse_creator_only_when_the_author_has_a_handle()
    {
        Assert.Empty(MetaContents(Tags, "fediverse:creator"));
        Assert.Equal("@janedoe@mastodon.social", Meta(SocialTags.Render(Article() with { AuthorFediverse = "@janedoe@mastodon.social" }), "fediverse:creator"));
    }

    [Theory]
    [InlineData("fr", "fr_FR")]
    [InlineData("en", "en_US")]
    [InlineData("fr-CA", "fr_CA")]
    [InlineData("de", "de_DE")]
    public void Og_locale_is_the_language_with_its_territory(string language, string locale) =>
        Assert.Equal(locale, Meta(SocialTags.Render(Article(language: language)), "og:locale"));

    [Theory]
    [InlineData("/images/budget.jpg", "https://news.example.com/images/budget.jpg")]
    [InlineData("https://cdn.example.org/a.jpg", "https://cdn.example.org/a.jpg")]
    public void Site_path_or_external_image_is_absolute_in_og_and_twitter_tags(string image, string absolute)
    {
        var tags = SocialTags.Render(Article(image: image));

        Assert.Equal((absolute, absolute, "The parliament at night"), (Meta(tags, "og:image"), Meta(tags, "twitter:image"), Meta(tags, "og:image:alt")));
    }

    [Fact]
    public void Article_without_an_image_shares_its_1200_by_630_card()
    {
        var tags = SocialTags.Render(Article());

        Assert.Matches(@"^https://news\.example\.com/og/budget-vote-delayed\.png\?v=[0-9a-f]{16}$", Meta(tags, "og:image"));
        Assert.Equal(Meta(tags, "og:image"), Meta(tags, "twitter:image"));
        Assert.Equal(("1200", "630", "image/png", "Budget vote delayed"),
            (Meta(tags, "og:image:width"), Meta(tags, "og:image:height"), Meta(tags, "og:image:type"), Meta(tags, "og:image:alt")));
    }

    [Fact]
    public void Image_relative_to_the_article_that_did_not_resolve_shares_the_card_instead() =>
        Assert.Contains("/og/budget-vote-delayed.png?v=", Meta(SocialTags.Render(Article(image: "poster.jpg")), "og:image"), StringComparison.Ordinal);

    [Fact]
    public void Resolved_article_image_gives_its_size_and_type()
    {
        var image = new ShareImage("https://news.example.com/media/abc/poster.jpg", 800, 1200, "image/jpeg", "The poster");

        var tags = SocialTags.Render(Article(image: "poster.jpg"), image);

        Assert.Equal((image.Url, "800", "1200", "image/jpeg", "The poster"),
            (Meta(tags, "og:image"), Meta(tags, "og:image:width"), Meta(tags, "og:image:height"), Meta(tags, "og:image:type"), Meta(tags, "og:image:alt")));
    }

    [Fact]
    public void Card_url_changes_when_what_it_shows_changes() =>
        Assert.NotEqual(Meta(SocialTags.Render(Article()), "og:image"), Meta(SocialTags.Render(Article(title: "Budget vote held")), "og:image"));

    [Fact]
    public void Every_tag_is_an_article_tag() =>
        Assert.Equal(["politics", "budget"], MetaContents(Tags, "article:tag"));

    [Fact]
    public void Head_links_to_the_feeds_and_to_oembed_discovery()
    {
        Assert.Contains("<link rel=\"alternate\" type=\"application/rss+xml\" href=\"https://news.example.com/feed.xml\" title=\"Example News\">", Tags, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"https://news.example.com/atom.xml\"", Tags, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"alternate\" type=\"application/json+oembed\" href=\"https://news.example.com/oembed?url=https%3A%2F%2Fnews.example.com%2Farticles%2Fbudget-vote-delayed&amp;format=json\" title=\"Budget vote delayed\">", Tags, StringComparison.Ordinal);
    }

    [Fact]
    public void Head_links_the_activitystreams_copy_only_while_activitypub_is_on()
    {
        var on = new SocialMetaTags(Options, Urls, Microsoft.Extensions.Options.Options.Create(new Serverless.Core.ActivityPub.ActivityPubOptions { PrivateKeyFile = "actor.pem" }));
        const string Link = "<link rel=\"alternate\" type=\"application/activity+json\" href=\"https://news.example.com/articles/budget-vote-delayed\">";

        Assert.Contains(Link, on.Render(Article()), StringComparison.Ordinal);
        Assert.DoesNotContain("application/activity+json", Tags, StringComparison.Ordinal);
    }

    [Fact]
    public void Twitter_image_alt_is_cut_to_420_characters()
    {
        var alt = string.Join(' ', Enumerable.Repeat("parliament", 60));
        var image = new ShareImage("https://news.example.com/media/a.jpg", 10, 10, "image/jpeg", alt);

        var tags = SocialTags.Render(Article(image: "a.jpg"), image);

        Assert.True(Meta(tags, "twitter:image:alt").Length <= 420);
        Assert.Equal(alt, Meta(tags, "og:image:alt"));
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
