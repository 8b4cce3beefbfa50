using Serverless.Core.Http;
using Serverless.Core.Storage;
using Serverless.Functions.Http;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// What a photo costs in storage requests (counted, so deterministic): its publish, page included, and serving its
/// variants, on Azurite. The figures are in docs/capacity.md and benchmarks/README.md.
/// </summary>
public sealed class ImageCostTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string PhotoBlob = "2026/12/crowd.jpg";

    // Answers kept in memory for a minute, so that a second read within it is warm whatever the machine's speed.
    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "60" });
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        await _site.PublishAsync("2026/12/crowd.md", "---\ntitle: The crowd\n---\nThousands came.\n\n![The crowd on the square](crowd.jpg)\n");

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Publishing_a_3000_by_2000_photo_writes_its_17_files_in_24_requests()
    {
        var blob = _site.Articles.GetBlobClient(PhotoBlob);
        await blob.UploadAsync(BinaryData.FromBytes(TestPhotos.Jpeg(3000, 2000)), overwrite: true, Cancellation);

        _site.Requests.Reset();
        await _site.TriggerIngestAsync(blob);
        var ingest = (_site.Requests.Reads, _site.Requests.Writes);
        _site.Requests.Reset();
        await _site.DrainRenderQueueAsync();
        var render = _site.Requests.Total;
        TestContext.Current.TestOutputHelper?.WriteLine($"Ingest: {ingest.Reads} reads, {ingest.Writes} writes; the page showing it: {render} requests ({_site.Requests.Breakdown}).");

        var row = (await _site.Get<MediaStore>().GetAsync(PhotoBlob, Cancellation))!;
        // Six widths in WebP and JPEG, four in AVIF.
        Assert.Equal(16, row.Variants.Count);
        // Reads: the upload, its source record, its media row, the pages showing it. Writes: 17 files (16 variants and
        // the shared JPEG), the media row, the render request, the source record.
        Assert.Equal((4, 20), ingest);
        // Then the page's render (about 20) and the site files it changes, each through a site-file message: the feeds
        // (they carry the image) and the news sitemap (the article, dated by its upload, is news), each rebuild checking
        // the uploaded theme sheet (a HEAD) and recording when it read its inputs.
        Assert.InRange(render, 1, 55);
    }

    [Fact]
    public async Task Serving_a_variant_warm_makes_no_storage_request()
    {
        await _site.PublishBytesAsync(PhotoBlob, TestPhotos.Jpeg(1000, 700));
        var variant = (await _site.Get<MediaStore>().GetAsync(PhotoBlob, Cancellation))!.Variants[0].Blob;
        await GetAsync(variant);

        _site.Requests.Reset();
        var warm = await GetAsync(variant);

        Assert.Equal(200, warm);
        Assert.Equal(0, _site.Requests.Total);
    }

    private async Task<int> GetAsync(string blob)
    {
        var context = _site.NewHttpContext("/media/" + blob);
        return (await HttpResponseSnapshot.ExecuteAsync(await new MediaFunctions(_site.Get<MediaHandlers>()).GetMedia(context.Request, blob, Cancellation), context)).StatusCode;
    }
}
