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
    }

    [Fact]
    public async Task The_preview_agrees_with_what_open_graph_scraper_reads_from_the_published_page()
    {
        await _site.PublishAsync(Samples.SonyBlobName, Samples.Read(Samples.SonyBlobName));
        var page = await _site.GetPageAsync(Samples.SonySlug);

        var scraped = await PageCheck.RunAsync(page.Body);
        var (_, preview) = await SharePreviewAsync("slug=" + Samples.SonySlug);

        var facebook = Platform(preview, "facebook");
        Assert.Equal(scraped.Tag("ogTitle"), facebook.GetProperty("title").GetString());
        Assert.Equal(scraped.Tag("ogDescription"), facebook.GetProperty("description").GetString());
        Assert.Equal(scraped.Social.GetProperty("ogImage")[0].GetProperty("url").GetString(), facebook.GetProperty("image").GetProperty("url").GetString());
        Assert.Equal(scraped.Social.GetProperty("twitterImage")[0].GetProperty("url").GetString(), Platform(preview, "x").GetProperty("image").GetProperty("url").GetString());
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
        var pagePreview = _site.Requests.Total;
        _site.Requests.Reset();

        await SharePreviewAsync("blob=" + Samples.SonyBlobName);

        Assert.Equal((pagePreview, 0), (_site.Requests.Total, _site.Requests.Writes));
    }

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

    [Fact]
    public async Task Missing_blob_unknown_slug_and_no_parameter_are_problems()
    {
        Assert.Equal(404, (await SharePreviewAsync("blob=missing.md")).Status);
        Assert.Equal(404, (await SharePreviewAsync("slug=no-such-article")).Status);
        Assert.Equal(400, (await SharePreviewAsync("other=1")).Status);
    }
}
