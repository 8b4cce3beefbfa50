using Azure.Storage.Blobs;
using Serverless.Core.Admin;
using Serverless.Core.Http;
using Serverless.Core.Images;
using Serverless.Core.Ingest;
using Serverless.Core.Storage;
using Serverless.Functions.Http;
using Serverless.IntegrationTests.Infrastructure;
using SkiaSharp;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Images uploaded beside an article, through both stages on Azurite: published with their type and size, shown in
/// the page with width and height, followed by pages published before them, refused with a clear status when they
/// are not images or too large.
/// </summary>
public sealed class ArticleImagesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ArticleBlob = "2014/sony/article.md";
    private const string PosterBlob = "2014/sony/poster.png";
    private const string Slug = "sony-the-poster";

    private const string Article = """
        ---
        title: Sony, the poster
        image: poster.png
        image_alt: The film's poster
        ---
        The studio showed the poster.

        ![Affiche](poster.png)
        """;

    // Pages are read right after each render; a small limit so that "too large" needs no large file.
    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0", ["Site:MaxImageBytes"] = "4096" });
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    /// <summary>A 3×2 GIF, written by hand: Skia decodes GIF but does not encode it.</summary>
    private static readonly byte[] Gif =
    [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x03, 0x00, 0x02, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
        0x2C, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x02, 0x00, 0x00, 0x02, 0x03, 0x84, 0x1D, 0x05, 0x00, 0x3B,
    ];

    private async Task<PublishResult> UploadImageAsync(string blobName, byte[] content)
    {
        await _site.Get<StorageClients>().EnsureCreatedAsync(Cancellation);
        var blob = _site.Articles.GetBlobClient(blobName);
        await blob.UploadAsync(BinaryData.FromBytes(content), overwrite: true, Cancellation);
        var result = await _site.TriggerIngestAsync(blob);
        await _site.DrainRenderQueueAsync();
        return result;
    }

    private async Task<string> PageAsync()
    {
        var page = await _site.GetPageAsync(Slug);
        Assert.Equal(200, page.StatusCode);
        return page.Body;
    }

    private async Task<HttpResponseSnapshot> GetMediaAsync(string url, params (string Name, string Value)[] headers)
    {
        var path = url[(TestSite.PublicBaseUrl + "/media/").Length..];
        var context = _site.NewHttpContext("/media/" + path, headers);
        return await HttpResponseSnapshot.ExecuteAsync(await new MediaFunctions(_site.Get<MediaHandlers>()).GetMedia(context.Request, path, Cancellation), context);
    }

    private Task<PublicationStatus?> StatusAsync(string blobName) => _site.Get<PublicationStatusReader>().ForBlobAsync(blobName, Cancellation);

    [Fact]
    public async Task Png_beside_the_article_is_shown_with_its_size_and_served_cached_as_pages_are()
    {
        var image = await UploadImageAsync(PosterBlob, TestImages.Encode(SKEncodedImageFormat.Png, 40, 30));
        await _site.PublishAsync(ArticleBlob, Article);

        Assert.Equal(PublishStatus.Published, image.Status);
        var status = await StatusAsync(PosterBlob);
        Assert.Equal(PublicationState.Published, status!.State);
        Assert.Matches(@"^https://news\.example\.com/media/[0-9a-f]{32}/poster-40\.png$", status.Url);
        Assert.Contains("PNG image, 40×30", status.Message, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"{status.Url}\" srcset=\"{status.Url} 40w\" sizes=\"{PictureMarkup.Sizes}\" width=\"40\" height=\"30\" alt=\"Affiche\" fetchpriority=\"high\">", await PageAsync(), StringComparison.Ordinal);
        Assert.Empty((await StatusAsync(ArticleBlob))!.Warnings);

        var media = await GetMediaAsync(status.Url!);
        Assert.Equal(200, media.StatusCode);
        Assert.Equal("image/png", media.Headers.ContentType.ToString());
        Assert.Equal(HttpCaching.Public(60), media.Headers.CacheControl.ToString());
        Assert.Equal("nosniff", media.Headers.XContentTypeOptions.ToString());
        var etag = media.Headers.ETag.ToString();
        Assert.Equal(304, (await GetMediaAsync(status.Url!, ("If-None-Match", etag))).StatusCode);
        Assert.Equal(404, (await GetMediaAsync(TestSite.PublicBaseUrl + "/media/../secret.png")).StatusCode);
    }

    [Fact]
    public async Task Page_published_before_its_image_shows_the_alt_text_with_a_warning_then_the_image()
    {
        await _site.PublishAsync(ArticleBlob, Article);

        var before = await PageAsync();
        Assert.DoesNotContain("<img", before, StringComparison.Ordinal);
        Assert.Contains("<p>Affiche</p>", before, StringComparison.Ordinal);
        var warnings = (await StatusAsync(ArticleBlob))!.Warnings;
        Assert.Contains(warnings, warning => warning.StartsWith($"Image '{PosterBlob}' is not published", StringComparison.Ordinal));
        Assert.Contains(warnings, warning => warning.StartsWith($"Front matter image '{PosterBlob}' is not published", StringComparison.Ordinal));

        await UploadImageAsync(PosterBlob, TestImages.Encode(SKEncodedImageFormat.Png, 40, 30));

        Assert.Contains("width=\"40\" height=\"30\" alt=\"Affiche\"", await PageAsync(), StringComparison.Ordinal);
        Assert.Empty((await StatusAsync(ArticleBlob))!.Warnings);
    }

    [Fact]
    public async Task Deleting_the_image_takes_it_out_of_the_page()
    {
        await UploadImageAsync(PosterBlob, TestImages.Encode(SKEncodedImageFormat.Png, 40, 30));
        await _site.PublishAsync(ArticleBlob, Article);

        await _site.Articles.DeleteBlobAsync(PosterBlob, cancellationToken: Cancellation);
        await _site.Get<ArticleReconciler>().ReconcileAsync(Cancellation);
        await _site.DrainRenderQueueAsync();

        Assert.DoesNotContain("<img", await PageAsync(), StringComparison.Ordinal);
        Assert.Null(await StatusAsync(PosterBlob));
        Assert.NotEmpty((await StatusAsync(ArticleBlob))!.Warnings);
    }

    [Fact]
    public async Task Png_that_is_not_an_image_fails_naming_the_accepted_types()
    {
        var result = await UploadImageAsync(PosterBlob, "not an image"u8.ToArray());

        Assert.Equal(PublishStatus.Failed, result.Status);
        var status = await StatusAsync(PosterBlob);
        Assert.Equal(PublicationState.Failed, status!.State);
        Assert.Contains("not a JPEG, PNG, WebP or GIF image", status.Message, StringComparison.Ordinal);
        Assert.Null(status.Url);
    }

    [Fact]
    public async Task Image_over_the_limit_fails_as_too_large()
    {
        var result = await UploadImageAsync(PosterBlob, TestImages.Encode(SKEncodedImageFormat.Png, 64, 64, noise: true));

        Assert.Equal(PublishStatus.Failed, result.Status);
        Assert.Contains("too large", (await StatusAsync(PosterBlob))!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jpeg_webp_and_gif_sizes_and_types_are_read_from_the_content()
    {
        await UploadImageAsync("2014/sony/a.jpg", TestImages.Encode(SKEncodedImageFormat.Jpeg, 17, 9));
        await UploadImageAsync("2014/sony/b.webp", TestImages.Encode(SKEncodedImageFormat.Webp, 12, 21));
        await UploadImageAsync("2014/sony/c.gif", Gif);
        var misnamed = await UploadImageAsync("2014/sony/d.png", TestImages.Encode(SKEncodedImageFormat.Jpeg, 5, 6));

        Assert.StartsWith("JPEG image, 17×9,", (await StatusAsync("2014/sony/a.jpg"))!.Message, StringComparison.Ordinal);
        Assert.StartsWith("WebP image, 12×21,", (await StatusAsync("2014/sony/b.webp"))!.Message, StringComparison.Ordinal);
        Assert.StartsWith("GIF image, 3×2,", (await StatusAsync("2014/sony/c.gif"))!.Message, StringComparison.Ordinal);
        Assert.Equal(PublishStatus.Published, misnamed.Status);
        Assert.StartsWith("JPEG image, 5×6,", misnamed.Message, StringComparison.Ordinal);
        Assert.Contains("Its content is JPEG although its name ends with '.png'.", misnamed.Message, StringComparison.Ordinal);
        Assert.EndsWith("/d-5.jpg", (await StatusAsync("2014/sony/d.png"))!.Url, StringComparison.Ordinal);
    }
}
