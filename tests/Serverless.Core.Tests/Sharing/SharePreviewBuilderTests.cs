using Serverless.Core.Articles;
using Serverless.Core.Rendering;
using Serverless.Core.Sharing;
using static Serverless.Core.Tests.Rendering.TestSite;

namespace Serverless.Core.Tests.Sharing;

/// <summary>
/// Each platform's card drawn from the tags of a rendered page, and one warning for each rule an article breaks: the
/// clean article gets none, each crafted one the warning of its rule (and an own image, X's headline warning too).
/// </summary>
public sealed class SharePreviewBuilderTests
{
    private const string PhotoUrl = BaseUrl + "/media/0a1b2c/photo.jpg";

    private static SharePreview Preview(Article article, ShareImage? image = null, long? imageBytes = null) =>
        SharePreviewBuilder.Build(PageTags.Parse(PageRenderer.Render(ArticlePage.Standalone(article) with { Image = image })),
            imageBytes, imageCarriesHeadline: image is null);

    private static ShareImage Photo(int width = 1200, int height = 630, string alt = "The parliament at night", string url = PhotoUrl) =>
        new(url, width, height, "image/jpeg", alt);

    private static string[] Rules(SharePreview preview) => [.. preview.Warnings.Select(warning => $"{warning.Platform}:{warning.Rule}").Order()];

    private static PlatformCard Card(SharePreview preview, string platform) => Assert.Single(preview.Platforms, card => card.Platform == platform);

    [Fact]
    public void A_clean_article_has_no_warning_and_a_card_on_every_platform()
    {
        var preview = Preview(Article());

        Assert.Empty(preview.Warnings);
        Assert.Equal(["x", "facebook", "linkedin", "bluesky", "mastodon", "whatsapp", "slack", "discord", "google"], preview.Platforms.Select(card => card.Platform));
        Assert.All(preview.Platforms, card => Assert.Equal("news.example.com", card.Domain));
        Assert.Equal(ArticleUrl, preview.Url);
    }

    [Fact]
    public void X_shows_the_generated_card_large_and_no_title_since_2023()
    {
        var x = Card(Preview(Article()), "x");

        Assert.Equal((null, null), (x.Title, x.Description));
        Assert.Equal(ImageDisplay.Large, x.Image!.Display);
        Assert.StartsWith(BaseUrl + "/og/" + Slug + ".png", x.Image.Url, StringComparison.Ordinal);
        Assert.Equal((1200, 630), (x.Image.Width, x.Image.Height));
    }

    [Fact]
    public void Google_shows_the_html_title_with_the_site_name_and_no_image()
    {
        var google = Card(Preview(Article()), "google");

        Assert.Equal("Budget vote delayed · " + Name, google.Title);
        Assert.Equal("The vote moves to next week.", google.Description);
        Assert.Null(google.Image);
    }

    [Fact]
    public void LinkedIn_shows_no_description()
    {
        var linkedIn = Card(Preview(Article()), "linkedin");

        Assert.Equal(("Budget vote delayed", null), (linkedIn.Title, linkedIn.Description));
    }

    [Fact]
    public void Slack_shows_reading_time_and_section_as_fields()
    {
        var slack = Card(Preview(Article()), "slack");

        Assert.Equal([new PreviewField("Reading time", "3 min read"), new PreviewField("Section", "politics")], slack.Fields);
    }

    [Fact]
    public void Discord_takes_the_theme_colour_and_mastodon_the_fediverse_byline()
    {
        var preview = Preview(Article() with { AuthorFediverse = "@janedoe@mastodon.social" });

        Assert.Equal((SiteLayout.AccentColor, "@janedoe@mastodon.social"), (Card(preview, "discord").ThemeColor, Card(preview, "mastodon").Byline));
    }

    [Fact]
    public void A_title_past_60_characters_with_the_site_name_is_cut_on_google_only()
    {
        // 45 characters + " · Example News" = 60 + 5.
        var preview = Preview(Article(title: "Budget vote delayed as talks run into the nights"));

        Assert.Equal(["google:title-cut"], Rules(preview));
        Assert.EndsWith("…", Card(preview, "google").Title, StringComparison.Ordinal);
    }

    [Fact]
    public void A_title_past_70_characters_is_cut_on_linkedin_and_google()
    {
        var preview = Preview(Article(title: "Budget vote delayed once more as the talks between the parties run into the night"));

        Assert.Equal(["google:title-cut", "linkedin:title-cut"], Rules(preview));
        Assert.True(Card(preview, "linkedin").Title!.Length <= 70);
    }

    [Fact]
    public void A_description_past_160_characters_is_cut_on_google()
    {
        var description = "Ministers postponed the vote on the budget to next week, after a night of talks with the opposition failed to settle the dispute over pensions, schools and new taxes.";

        var preview = Preview(Article(description: description));

        Assert.Equal(["google:description-cut"], Rules(preview));
        Assert.Equal(description, Card(preview, "facebook").Description);
    }

    [Fact]
    public void A_description_that_starts_with_the_title_is_one_warning_for_all_platforms() =>
        Assert.Equal(["all:description-repeats-title"], Rules(Preview(Article(description: "Budget vote delayed: the vote moves to next week."))));

    [Fact]
    public void An_empty_description_is_one_warning() =>
        Assert.Equal(["all:description-missing"], Rules(Preview(Article(description: ""))));

    [Fact]
    public void A_french_page_written_in_english_is_a_language_mismatch()
    {
        var preview = Preview(Article(language: "fr", description: "The vote on the budget has been moved to next week and it is not the first time that this has happened."));

        var warning = Assert.Single(preview.Warnings);
        Assert.Equal(("all", "language-mismatch"), (warning.Platform, warning.Rule));
        Assert.Contains("lang: en", warning.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void An_own_photo_hides_the_headline_on_x()
    {
        var preview = Preview(Article(), Photo());

        Assert.Equal(["x:headline-not-on-image"], Rules(preview));
        Assert.Equal(PhotoUrl, Card(preview, "facebook").Image!.Url);
    }

    [Fact]
    public void An_image_under_600_by_315_is_a_small_square_on_facebook()
    {
        var preview = Preview(Article(), Photo(500, 262));

        Assert.Equal(["facebook:image-too-small", "x:headline-not-on-image"], Rules(preview));
        Assert.Equal(ImageDisplay.SmallSquare, Card(preview, "facebook").Image!.Display);
        Assert.Equal(ImageDisplay.Large, Card(preview, "linkedin").Image!.Display);
    }

    [Fact]
    public void An_image_over_300_KB_is_dropped_by_whatsapp()
    {
        var preview = Preview(Article(), Photo(), imageBytes: 400 * 1024);

        Assert.Equal(["whatsapp:image-too-large", "x:headline-not-on-image"], Rules(preview));
        Assert.Equal(ImageDisplay.None, Card(preview, "whatsapp").Image!.Display);
    }

    [Fact]
    public void A_square_image_is_cropped()
    {
        var preview = Preview(Article(), Photo(1000, 1000));

        Assert.Equal(["facebook:image-ratio", "x:headline-not-on-image"], Rules(preview));
    }

    [Fact]
    public void An_image_without_alt_text_is_one_warning() =>
        Assert.Equal(["x:headline-not-on-image", "x:image-alt-missing"], Rules(Preview(Article(), Photo(alt: ""))));

    [Fact]
    public void An_svg_image_is_not_shown_by_x() =>
        Assert.Equal(["x:headline-not-on-image", "x:image-format"], Rules(Preview(Article(), Photo(url: BaseUrl + "/media/0a1b2c/drawing.svg"))));

    [Fact]
    public void An_image_of_unknown_size_warns_that_facebook_shows_the_first_share_without_it() =>
        Assert.Equal(["facebook:image-size-unknown", "x:headline-not-on-image"],
            Rules(Preview(Article(), new ShareImage("https://cdn.example.org/a.jpg", null, null, null, "A crowd"))));

    [Fact]
    public void A_relative_url_is_one_warning_for_all_platforms()
    {
        var tags = PageTags.Of("en", "Budget vote delayed · Example News",
            ("description", "The vote moves to next week."), ("og:title", "Budget vote delayed"), ("og:description", "The vote moves to next week."),
            ("og:url", "/articles/budget-vote-delayed"), ("og:image", BaseUrl + "/og/a.png"), ("og:image:width", "1200"), ("og:image:height", "630"),
            ("og:image:alt", "Budget vote delayed"));

        var preview = SharePreviewBuilder.Build(tags, imageBytes: null, imageCarriesHeadline: true);

        Assert.Equal(["all:url-not-absolute"], Rules(preview));
    }

    [Fact]
    public void Every_warning_says_what_to_change()
    {
        var preview = Preview(Article(title: new string('a', 30) + " budget vote delayed as talks run into the night", description: ""), Photo(300, 300, alt: ""), imageBytes: 9 * 1024 * 1024);

        Assert.NotEmpty(preview.Warnings);
        Assert.All(preview.Warnings, warning => Assert.False(string.IsNullOrWhiteSpace(warning.Fix)));
    }
}
