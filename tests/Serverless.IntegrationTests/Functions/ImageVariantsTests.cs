using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NetVips;
using Serverless.Core.Admin;
using Serverless.Core.Http;
using Serverless.Core.Images;
using Serverless.Core.Storage;
using Serverless.Functions.Http;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// A reporter's photo (3000×2000 JPEG with the GPS position, device, serial number and owner in its EXIF) published
/// on Azurite: every width below its own in WebP, AVIF where it pays and JPEG, nothing identifying in any served byte
/// as a JavaScript EXIF reader sees it, the page's responsive markup, and the shared 1.91:1 JPEG.
/// </summary>
public sealed class ImageVariantsTests(ImageVariantsTests.PublishedPhoto published) : IClassFixture<ImageVariantsTests.PublishedPhoto>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_width_below_the_photos_own_is_made_and_none_is_enlarged()
    {
        var row = published.Row;
        Assert.Equal([320, 640, 960, 1280, 1920, 2560], row.Variants.Select(variant => variant.Width).Distinct());
        Assert.All(row.Variants, variant => Assert.Equal(Math.Round(variant.Width * 2000 / 3000.0), variant.Height, tolerance: 1));
        Assert.Equal((2560, 1707), (row.Width, row.Height));
        Assert.EndsWith("-2560.jpg", row.MediaBlob, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_width_is_webp_and_jpeg_and_avif_up_to_1280()
    {
        var formats = published.Row.Variants.GroupBy(variant => variant.Width).ToDictionary(width => width.Key, width => width.Select(variant => variant.ContentType).Order().ToList());
        foreach (var (width, types) in formats)
        {
            Assert.Equal(width <= ImageProcessor.AvifMaxWidth ? ["image/avif", "image/jpeg", "image/webp"] : ["image/jpeg", "image/webp"], types);
        }
    }

    [Fact]
    public async Task Every_variant_is_served_with_its_type_and_the_size_recorded()
    {
        // The server's libvips decodes only the four upload formats; this test reads the AVIF it wrote too.
        Operation.Block("VipsForeignLoadHeif", false);
        foreach (var variant in published.Row.Variants)
        {
            var served = await published.GetMediaAsync(variant.Blob);
            Assert.Equal(200, served.StatusCode);
            Assert.Equal(variant.ContentType, served.Headers.ContentType.ToString());
            Assert.Equal(variant.Length, served.BodyBytes.Length);
            using var image = Image.NewFromBuffer(served.BodyBytes);
            Assert.Equal((variant.Width, variant.Height), (image.Width, image.Height));
        }
    }

    [Fact]
    public void The_upload_carries_gps_position_owner_and_serial_as_exifr_reads_them()
    {
        var original = published.Metadata["original"]!.Value;
        Assert.Equal(TestPhotos.Latitude, original.GetProperty("latitude").GetDouble(), 3);
        Assert.Equal(TestPhotos.Longitude, original.GetProperty("longitude").GetDouble(), 3);
        Assert.Equal(TestPhotos.Owner, original.GetProperty("Artist").GetString());
        Assert.Equal("PhoneMaker", original.GetProperty("Make").GetString());
    }

    [Fact]
    public void No_served_file_carries_exif_gps_xmp_iptc_or_icc_as_exifr_reads_them()
    {
        var served = published.Metadata.Where(file => file.Key != "original").ToList();
        Assert.Equal(published.Row.Variants.Count + 1, served.Count);
        Assert.All(served, file => Assert.True(file.Value is null, $"{file.Key} carries {file.Value}"));
    }

    [Fact]
    public void Page_offers_avif_then_webp_then_jpeg_in_every_width_with_the_columns_sizes()
    {
        var picture = published.Page.QuerySelectorAll("article picture")[0];
        var sources = picture.QuerySelectorAll("source");
        Assert.Equal(["image/avif", "image/webp"], sources.Select(source => source.GetAttribute("type")));
        Assert.All(sources, source => Assert.Equal(PictureMarkup.Sizes, source.GetAttribute("sizes")));
        Assert.Equal([320, 640, 960, 1280], Widths(sources[0]));
        Assert.Equal([320, 640, 960, 1280, 1920, 2560], Widths(sources[1]));
        var img = picture.QuerySelector("img")!;
        Assert.Equal([320, 640, 960, 1280, 1920, 2560], Widths(img));
        Assert.All(img.GetAttribute("srcset")!.Split(", "), candidate => Assert.Matches(@"^https://news\.example\.com/media/[0-9a-f]{32}/harbour-\d+\.jpg \d+w$", candidate));
        Assert.Equal(PictureMarkup.Sizes, img.GetAttribute("sizes"));
    }

    [Fact]
    public void Page_gives_each_image_its_size_and_alt_so_nothing_moves_as_it_loads()
    {
        var images = published.Page.QuerySelectorAll("article img");
        Assert.Equal(2, images.Length);
        Assert.Equal(("2560", "1707", "A harbour at dawn"), (images[0].GetAttribute("width"), images[0].GetAttribute("height"), images[0].GetAttribute("alt")));
        Assert.Equal(("800", "600", "The quay"), (images[1].GetAttribute("width"), images[1].GetAttribute("height"), images[1].GetAttribute("alt")));
    }

    [Fact]
    public void First_image_loads_at_once_with_high_priority_and_later_ones_lazily()
    {
        var images = published.Page.QuerySelectorAll("article img");
        Assert.Equal("high", images[0].GetAttribute("fetchpriority"));
        Assert.Null(images[0].GetAttribute("loading"));
        Assert.Equal(("lazy", "async"), (images[1].GetAttribute("loading"), images[1].GetAttribute("decoding")));
        Assert.Null(images[1].GetAttribute("fetchpriority"));
    }

    [Fact]
    public async Task Shared_image_is_a_1200_by_630_jpeg_under_300_kb_with_its_real_size_in_the_page()
    {
        string? Meta(string property) => published.Page.QuerySelector($"meta[property='{property}']")?.GetAttribute("content");
        var url = Meta("og:image")!;
        Assert.Matches(@"/media/[0-9a-f]{32}/harbour-og\.jpg$", url);
        Assert.Equal(("1200", "630", "image/jpeg"), (Meta("og:image:width"), Meta("og:image:height"), Meta("og:image:type")));
        var served = await published.GetMediaAsync(url[(TestSite.PublicBaseUrl + "/media/").Length..]);
        Assert.InRange(served.BodyBytes.Length, 1, Core.Sharing.ShareRules.WhatsAppMaxImageBytes - 1);
        using var image = Image.NewFromBuffer(served.BodyBytes);
        Assert.Equal((1200, 630, "jpegload_buffer"), (image.Width, image.Height, image.Get("vips-loader")));
    }

    [Fact]
    public void Status_says_what_was_published_and_that_metadata_was_removed()
    {
        Assert.Contains("JPEG image, 3000×2000", published.Message, StringComparison.Ordinal);
        Assert.Contains("6 widths (320, 640, 960, 1280, 1920, 2560) as WEBP, AVIF, JPEG", published.Message, StringComparison.Ordinal);
        Assert.Contains("metadata (EXIF, GPS, XMP, IPTC) is removed", published.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_with_a_title_or_an_italic_line_after_it_is_a_figure_with_its_caption()
    {
        var figures = published.Page.QuerySelectorAll("article figure");
        Assert.Equal(2, figures.Length);
        Assert.Equal(["Boats return at 6 a.m. <Photo: J. Source>", "The quay, an hour later"], figures.Select(figure => figure.QuerySelector("figcaption")!.TextContent));
        Assert.All(figures, figure => Assert.NotNull(figure.QuerySelector("picture > img")));
        Assert.DoesNotContain(published.Page.QuerySelectorAll("article em"), em => em.TextContent.Contains("an hour later", StringComparison.Ordinal));
    }

    private static int[] Widths(IElement element) =>
        [.. element.GetAttribute("srcset")!.Split(", ").Select(candidate => int.Parse(candidate[(candidate.LastIndexOf(' ') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The photo and a smaller second one, published once for the class, with an article showing both.</summary>
    public sealed class PublishedPhoto(AzuriteFixture azurite) : IAsyncLifetime
    {
        private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });

        public MediaEntity Row { get; private set; } = new();

        public IDocument Page { get; private set; } = null!;

        public string Message { get; private set; } = string.Empty;

        /// <summary>What exifr reads in the upload (<c>original</c>) and in every file served, by blob name.</summary>
        public IReadOnlyDictionary<string, System.Text.Json.JsonElement?> Metadata { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            var photo = TestPhotos.Jpeg(3000, 2000);
            await _site.PublishBytesAsync("2026/12/harbour.jpg", photo);
            await _site.PublishBytesAsync("2026/12/quay.jpg", TestPhotos.Jpeg(800, 600));
            await _site.PublishAsync("2026/12/story.md", """
                ---
                title: Dawn at the harbour
                ---
                The boats came in at dawn.

                ![A harbour at dawn](harbour.jpg "Boats return at 6 a.m. <Photo: J. Source>")

                The quay was empty.

                ![The quay](quay.jpg)
                *The quay, an hour later*
                """);
            Row = (await _site.Get<MediaStore>().GetAsync("2026/12/harbour.jpg", Cancellation))!;
            Message = (await _site.Get<PublicationStatusReader>().ForBlobAsync("2026/12/harbour.jpg", Cancellation))!.Message ?? string.Empty;
            var page = await _site.GetPageAsync("dawn-at-the-harbour");
            Page = new HtmlParser().ParseDocument(page.Body);
            var files = new Dictionary<string, byte[]> { ["original"] = photo };
            foreach (var blob in Row.Variants.Select(variant => variant.Blob).Append(Row.ShareBlob!))
            {
                files[blob] = (await GetMediaAsync(blob)).BodyBytes;
            }
            Metadata = await MetadataReader.ReadAsync(files);
        }

        public ValueTask DisposeAsync() => _site.DisposeAsync();

        public async Task<HttpResponseSnapshot> GetMediaAsync(string blob)
        {
            var context = _site.NewHttpContext("/media/" + blob);
            return await HttpResponseSnapshot.ExecuteAsync(await new MediaFunctions(_site.Get<MediaHandlers>()).GetMedia(context.Request, blob, Cancellation), context);
        }
    }
}
