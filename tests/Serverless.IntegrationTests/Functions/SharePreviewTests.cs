using System.Text.Json;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;
using SkiaSharp;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// The share preview (<c>GET /api/admin/share-preview</c>) on Azurite: each platform's card for an uploaded article
/// whatever its state, read from the page it would publish, agreeing with what open-graph-scraper reads from the
/// published page, and warning of an uploaded image WhatsApp will drop by its stored size.
/// </summary>
public sealed class SharePreviewTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task<(int Status, JsonElement Json)> SharePreviewAsync(string query)
    {
        var context = _site.NewHttpContext("/api/admin/share-preview?" + query);
        var response = await HttpResponseSnapshot.ExecuteAsync(await _site.Admin.SharePreview(context.Request, Cancellation), context);
        Assert.Contains("no-store", response.Headers.CacheControl.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(response.Body);
        return (response.StatusCode, json.RootElement.Clone());
    }

    private static JsonElement Platform(JsonElement preview, string id) =>
        preview.GetProperty("platforms").EnumerateArray().Single(card => card.GetProperty("platform").GetString() == id);

    private static string[] Rules(JsonElement preview) =>
        [.. preview.GetProperty("warnings").EnumerateArray().Select(warning => $"{warning.GetProperty("platform").GetString()}:{warning.GetProperty("rule").GetString()}").Order()];

    [Fact]
    public async Task The_sample_article_has_a_card_for_every_platform_and_warnings_that_say_what_to_change()
    {
        await _site.PublishAsync(Samples.SonyBlobName, Samples.Read(Samples.SonyBlobName));

        var (status, preview) = await SharePreviewAsync("blob=" + Samples.SonyBlobName);

        Assert.Equal(200, status);
        Assert.Equal(["x", "facebook", "linkedin", "bluesky", "mastodon", "whatsapp", "slack", "discord", "google"],
            preview.GetProperty("platforms").EnumerateArray().Select(card => card.GetProperty("platform").GetString()));
        Assert.All(preview.GetProperty("warnings").EnumerateArray(), warning =>
            Assert.All((string[])["platform", "rule", "message", "fix"], name => Assert.NotEmpty(warning.GetProperty(name).GetString()!)));
        Assert.Equal("news.example.com", Platform(preview, "facebook").GetProperty("domain").GetString());
        // The CMS export's long headline and first paragraph: as Google and LinkedIn will cut them.
        Assert.Equal(["google:description-cut", "google:title-cut", "linkedin:title-cut"], Rules(preview));
    }

    [Fact]
    public async Task Every_platform_says_title_description_image_size_domain_and_byline_as_it_shows_them()
    {
        await _site.PublishAsync("shown.md", Samples.FrontMatterArticle("Short and clear", extra: "slug: short-and-clear\nauthor_x: \"@janedoe\"\nauthor_fediverse: \"@jane@social.example\""));

        var (_, preview) = await SharePreviewAsync("slug=short-and-clear");

        var shown = preview.GetProperty("platforms").EnumerateArray().ToDictionary(card => card.GetProperty("platform").GetString()!, card => string.Join(" | ",
            Text(card, "title"), Text(card, "description"),
            card.TryGetProperty("image", out var image) && image.ValueKind == JsonValueKind.Object ? $"{image.GetProperty("display").GetString()} {image.GetProperty("width")}x{image.GetProperty("height")}" : "no image",
            Text(card, "domain"), Text(card, "byline")));
        const string Description = "A first paragraph with enough words to describe the article well.";
        Assert.Equal(new Dictionary<string, string>
        {
            ["x"] = " |  | Large 1200x630 | news.example.com | @janedoe",
            ["facebook"] = $"Short and clear | {Description} | Large 1200x630 | news.example.com | ",
            ["linkedin"] = "Short and clear |  | Large 1200x630 | news.example.com | ",
            ["bluesky"] = $"Short and clear | {Description} | Large 1200x630 | news.example.com | ",
            ["mastodon"] = $"Short and clear | {Description} | Large 1200x630 | news.example.com | @jane@social.example",
            ["whatsapp"] = $"Short and clear | {Description} | Large 1200x630 | news.example.com | ",
            ["slack"] = $"Short and clear | {Description} | Large 1200x630 | news.example.com | ",
            ["discord"] = $"Short and clear | {Description} | Large 1200x630 | news.example.com | ",
            ["google"] = $"Short and clear · Serverless News | {Description} | no image | news.example.com | ",
        }, shown);
        Assert.StartsWith("https://news.example.com/og/short-and-clear.png?v=", Platform(preview, "x").GetProperty("image").GetProperty("url").GetString(), StringComparison.Ordinal);
    }

    private static string Text(JsonElement card, string name) => card.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    [Theory]
    [InlineData("draft: true")]
    [InlineData("date: 2099-01-01T09:00:00Z")]
    public async Task An_article_not_yet_out_has_no_slug_yet_and_the_answer_says_to_preview_it_by_blob(string extra)
    {
        await _site.PublishAsync("not-yet.md", Samples.Article("Not public yet", extra.StartsWith("date:", StringComparison.Ordinal) ? extra[6..] : "2024-12-20T09:30:00+01:00",
            extra: extra.StartsWith("date:", StringComparison.Ordinal) ? "" : extra));

        var (byBlob, _) = await SharePreviewAsync("blob=not-yet.md");
        var (bySlug, problem) = await SharePreviewAsync("slug=not-public-yet");

        Assert.Equal((200, 404), (byBlob, bySlug));
        Assert.Contains("preview it by its blob name", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_article_is_previewed_before_it_goes_out()
    {
        await _site.PublishAsync("later.md", Samples.Article("Out next year", "2099-01-01T09:00:00Z"));

        var (status, preview) = await SharePreviewAsync("blob=later.md");

        Assert.Equal(200, status);
        Assert.Equal("Out next year", Platform(preview, "facebook").GetProperty("title").GetString());
        Assert.Equal(404, (await _site.GetPageAsync("out-next-year")).StatusCode);
    }

    [Fact]
    public async Task The_preview_agrees_with_what_open_graph_scraper_reads_from_the_published_page()
    {
        await _site.PublishAsync(Samples.SonyBlobName, Samples.Read(Samples.SonyBlobName));
        var page = await _site.GetPageAsync(Samples.SonySlug);

        var scraped = await PageCheck.RunAsync(page.Body);
        var (_, preview) = await SharePreviewAsync("slug=" + Samples.SonySlug);

        // Platforms that read og:* show its title and description whole; X, Slack and Discord read twitter:* first.
        foreach (var platform in (string[])["facebook", "bluesky", "mastodon", "whatsapp", "slack", "discord"])
        {
            var prefix = platform is "slack" or "discord" ? "twitter" : "og";
            var card = Platform(preview, platform);
            Assert.Equal(scraped.Tag(prefix + "Title"), card.GetProperty("title").GetString());
            Assert.Equal(scraped.Tag(prefix + "Description"), card.GetProperty("description").GetString());
            Assert.Equal(scraped.Social.GetProperty(prefix + "Image")[0].GetProperty("url").GetString(), card.GetProperty("image").GetProperty("url").GetString());
        }
        Assert.Equal(scraped.Social.GetProperty("twitterImage")[0].GetProperty("url").GetString(), Platform(preview, "x").GetProperty("image").GetProperty("url").GetString());
        // LinkedIn shows og:title cut at about 70 characters.
        Assert.StartsWith(Platform(preview, "linkedin").GetProperty("title").GetString()!.TrimEnd('…').TrimEnd(), scraped.Tag("ogTitle")!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_is_previewed_from_its_blob_and_nothing_is_written()
    {
        await _site.PublishAsync("draft.md", Samples.FrontMatterArticle("Not public yet", extra: "draft: true"));
        _site.Requests.Reset();

        var (status, preview) = await SharePreviewAsync("blob=draft.md");

        Assert.Equal(200, status);
        Assert.Equal("Not public yet", Platform(preview, "facebook").GetProperty("title").GetString());
        Assert.Equal(0, _site.Requests.Writes);
        Assert.Equal(404, (await _site.GetPageAsync("not-public-yet")).StatusCode);
    }

    [Fact]
    public async Task The_share_preview_costs_the_page_preview_s_reads_and_no_more()
    {
        await _site.PublishAsync(Samples.SonyBlobName, Samples.Read(Samples.SonyBlobName));
        _site.Requests.Reset();
        var pageContext = _site.NewHttpContext("/api/admin/preview?blob=" + Samples.SonyBlobName);
        await HttpResponseSnapshot.ExecuteAsync(await _site.Admin.PreviewArticle(pageContext.Request, Cancellation), pageContext);
        var pagePreview = ReadsBesidesTheTheme();
        var pageBreakdown = _site.Requests.Breakdown;
        _site.Requests.Reset();

        await SharePreviewAsync("blob=" + Samples.SonyBlobName);

        Assert.True((pagePreview, 0) == (ReadsBesidesTheTheme(), _site.Requests.Writes), $"page preview: {pageBreakdown}\nshare preview: {_site.Requests.Breakdown}");
        Assert.Equal(25, pagePreview);
    }

    /// <summary>
    /// The requests counted, but for the theme sheet's: each instance reads it at most once a second
    /// (SiteThemeSheet.MaxAge), for whichever render comes first, so it falls to one preview or the other by the clock.
    /// </summary>
    private int ReadsBesidesTheTheme() => _site.Requests.Total - _site.Requests.To(_site.Get<StorageClients>().Site.Name);

    [Fact]
    public async Task An_uploaded_image_that_compresses_badly_is_shared_under_whatsapps_300_KB_and_shown()
    {
        await _site.Get<StorageClients>().EnsureCreatedAsync(Cancellation);
        var image = _site.Articles.GetBlobClient("heavy.png");
        var upload = TestImages.Encode(SKEncodedImageFormat.Png, 640, 336, noise: true);
        Assert.True(upload.Length > 300 * 1024);
        await image.UploadAsync(BinaryData.FromBytes(upload), overwrite: true, Cancellation);
        await _site.TriggerIngestAsync(image);
        await _site.PublishAsync("heavy.md", Samples.FrontMatterArticle("A heavy picture", extra: "image: heavy.png\nimage_alt: Static on a screen"));

        var (_, preview) = await SharePreviewAsync("blob=heavy.md");

        // The shared JPEG made of it is fitted under the limit (ImageProcessor.ShareMaxBytes), so no platform drops it.
        Assert.Equal(["x:headline-not-on-image"], Rules(preview));
        var whatsApp = Platform(preview, "whatsapp").GetProperty("image");
        Assert.NotEqual("None", whatsApp.GetProperty("display").GetString());
        Assert.InRange(whatsApp.GetProperty("bytes").GetInt64(), 1, 300 * 1024 - 1);
    }

    private const string LongDescription = "Ministers postponed the vote on the budget to next week, after a night of talks with the opposition failed to settle the dispute over pensions, schools and new taxes.";

    /// <summary>
    /// A clean article, and one article per rule an upload can break, each with the warnings it must get: its rule's
    /// alone. An image of the author's also hides the headline on X (only the generated card draws it), so the image
    /// rules come with that warning, and the article with a clean photo has it alone. The rules no upload can break
    /// (a missing description: the first paragraph stands in; a relative URL; an SVG; a ratio or weight the image
    /// pipeline corrects) are SharePreviewBuilderTests'.
    /// </summary>
    public static TheoryData<string, string, int, string[]> CraftedArticles => new()
    {
        { "Short and clear", "", 0, [] },
        { "Budget vote delayed as the talks run into the night", "", 0, ["google:title-cut"] },
        { "Short and clear", $"description: \"{LongDescription}\"", 0, ["google:description-cut"] },
        { "Short and clear", "description: \"Short and clear: what the title says, again.\"", 0, ["all:description-repeats-title"] },
        { "Le vote du budget est reporté", "description: \"Le vote sur le budget est repoussé à la semaine prochaine, et ce n'est pas la première fois que cela arrive.\"", 0, ["all:language-mismatch"] },
        { "Short and clear", "image: photo.jpg\nimage_alt: The parliament at night", 1200, ["x:headline-not-on-image"] },
        { "Short and clear", "image: photo.jpg\nimage_alt: The parliament at night", 500, ["facebook:image-too-small", "x:headline-not-on-image"] },
        { "Short and clear", "image: photo.jpg", 1200, ["x:headline-not-on-image", "x:image-alt-missing"] },
        { "Short and clear", "image: https://cdn.example.org/photo.jpg\nimage_alt: The parliament at night", 0, ["facebook:image-size-unknown", "x:headline-not-on-image"] },
    };

    [Theory]
    [MemberData(nameof(CraftedArticles))]
    public async Task A_crafted_article_gets_the_warning_of_the_rule_it_breaks_and_no_other(string title, string extra, int imageWidth, string[] expected)
    {
        if (imageWidth > 0)
        {
            await _site.Get<StorageClients>().EnsureCreatedAsync(Cancellation);
            var image = _site.Articles.GetBlobClient("photo.jpg");
            await image.UploadAsync(BinaryData.FromBytes(TestImages.Encode(SKEncodedImageFormat.Jpeg, imageWidth, imageWidth * 630 / 1200)), overwrite: true, Cancellation);
            await _site.TriggerIngestAsync(image);
        }
        await _site.PublishAsync("crafted.md", Samples.FrontMatterArticle(title, extra: extra));

        var (status, preview) = await SharePreviewAsync("blob=crafted.md");

        Assert.Equal(200, status);
        Assert.Equal(expected, Rules(preview));
    }

    [Fact]
    public async Task Missing_blob_unknown_slug_and_no_parameter_are_problems()
    {
        Assert.Equal(404, (await SharePreviewAsync("blob=missing.md")).Status);
        Assert.Equal(404, (await SharePreviewAsync("slug=no-such-article")).Status);
        Assert.Equal(400, (await SharePreviewAsync("other=1")).Status);
    }
}
