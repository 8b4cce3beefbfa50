using NetVips;
using Serverless.Core.Admin;
using Serverless.Core.Ingest;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// What authors upload besides a clean photo, through stage 1 on Azurite: each ends with a status that says what
/// happened, the worker carries on, and no picture is decoded beyond the pixel limit.
/// </summary>
public sealed class ImageInputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task<(PublishResult Result, PublicationStatus Status)> UploadAsync(string blobName, byte[] content)
    {
        var result = await _site.PublishBytesAsync(blobName, content);
        return (result, (await _site.Get<PublicationStatusReader>().ForBlobAsync(blobName, Cancellation))!);
    }

    private async Task<Image> LargestVariantAsync(string blobName)
    {
        var row = (await _site.Get<MediaStore>().GetAsync(blobName, Cancellation))!;
        var content = (await _site.Get<StorageClients>().Media.GetBlobClient(row.MediaBlob).DownloadContentAsync(Cancellation)).Value.Content;
        return Image.NewFromBuffer(content.ToArray());
    }

    [Fact]
    public async Task Decompression_bomb_is_refused_from_its_header_without_decoding_it()
    {
        var bomb = TestPhotos.Bomb(30_000, 30_000);
        Assert.True(bomb.Length < 4096);

        var (result, status) = await UploadAsync("2026/12/bomb.jpg", bomb);

        Assert.Equal(PublishStatus.Failed, result.Status);
        Assert.Equal(PublicationState.Failed, status.State);
        Assert.Contains("30000×30000 pixels: over the 100 megapixels an image may have", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_jpeg_fails_as_damaged_or_cut_short()
    {
        var photo = TestPhotos.Jpeg(640, 480);

        var (result, status) = await UploadAsync("2026/12/cut.jpg", photo[..(photo.Length / 2)]);

        Assert.Equal(PublishStatus.Failed, result.Status);
        Assert.Contains("damaged or cut short (VipsJpeg: premature end of JPEG image)", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Svg_is_refused_whatever_its_name_says()
    {
        var svg = """<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>"""u8.ToArray();

        var (result, status) = await UploadAsync("2026/12/map.png", svg);

        Assert.Equal(PublishStatus.Failed, result.Status);
        Assert.Contains("is not a JPEG, PNG, WebP or GIF image", status.Message, StringComparison.Ordinal);
        Assert.Contains("an SVG is refused", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cmyk_jpeg_is_published_in_srgb_and_says_so()
    {
        var (result, status) = await UploadAsync("2026/12/print.jpg", TestPhotos.CmykJpeg(400, 300));

        Assert.Equal(PublishStatus.Published, result.Status);
        Assert.Contains("CMYK colours (a print file) converted to sRGB", status.Message, StringComparison.Ordinal);
        using var largest = await LargestVariantAsync("2026/12/print.jpg");
        Assert.Equal((3, Enums.Interpretation.Srgb), (largest.Bands, largest.Interpretation));
    }

    [Fact]
    public async Task Animated_gif_publishes_its_first_frame_and_says_so()
    {
        var (result, status) = await UploadAsync("2026/12/loop.gif", TestPhotos.AnimatedGif(64, 48, frames: 3));

        Assert.Equal(PublishStatus.Published, result.Status);
        Assert.Contains("animated GIF of 3 frames: only its first frame is published", status.Message, StringComparison.Ordinal);
        using var largest = await LargestVariantAsync("2026/12/loop.gif");
        Assert.Equal((64, 48), (largest.Width, largest.Height));
        // The first frame's colour (0, 200, 128), not the others' (60, 140, 128) and (120, 80, 128).
        var pixel = largest.Getpoint(32, 24);
        Assert.Equal(0, pixel[0], tolerance: 8);
        Assert.Equal(200, pixel[1], tolerance: 8);
    }

    [Fact]
    public async Task Exif_orientation_is_applied_to_the_pixels()
    {
        // Stored 600×400 with orientation 6: the phone was held upright, the picture is 400×600.
        var (result, _) = await UploadAsync("2026/12/upright.jpg", TestPhotos.Jpeg(600, 400, orientation: 6));

        Assert.Equal(PublishStatus.Published, result.Status);
        var row = (await _site.Get<MediaStore>().GetAsync("2026/12/upright.jpg", Cancellation))!;
        Assert.Equal((400, 600), (row.Width, row.Height));
        Assert.All(row.Variants, variant => Assert.True(variant.Height > variant.Width));
        using var largest = await LargestVariantAsync("2026/12/upright.jpg");
        Assert.Equal((400, 600), (largest.Width, largest.Height));
    }

    [Fact]
    public async Task Small_image_is_never_enlarged()
    {
        await UploadAsync("2026/12/icon.jpg", TestPhotos.Jpeg(500, 300));

        var row = (await _site.Get<MediaStore>().GetAsync("2026/12/icon.jpg", Cancellation))!;
        Assert.Equal([320, 500], row.Variants.Select(variant => variant.Width).Distinct());
        // Shared at its own pixels, cut to 1.91:1.
        Assert.Equal((499, 262), (row.ShareWidth, row.ShareHeight));
    }
}
