using Serverless.Core.Admin;
using Serverless.Core.Http;
using Serverless.Core.Ingest;
using Serverless.Core.Storage;
using Serverless.Functions.Http;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Taking a picture down on Azurite: deleting its blob stops every file made of it at once and the pages that showed
/// it show its alt text; a replaced version stays served for <see cref="MediaIngester.ReplacedGrace"/> (pages cached
/// before the replacement still name it), then the reconciliation deletes its files.
/// </summary>
public sealed class ImageTakedownTests : IAsyncLifetime
{
    private const string PhotoBlob = "2026/12/witness.jpg";
    private const string Slug = "the-witness";

    private const string Story = """
        ---
        title: The witness
        ---
        She agreed to be photographed.

        ![A woman on a bench](witness.jpg)
        """;

    // Ahead of the uploads' own times, however slow the machine: an article dated after the clock would be Scheduled.
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow.AddMinutes(10));
    private readonly TestSite _site;
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ImageTakedownTests(AzuriteFixture azurite) =>
        _site = new TestSite(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" }, time: _clock);

    public async ValueTask InitializeAsync()
    {
        await _site.PublishBytesAsync(PhotoBlob, TestPhotos.Jpeg(1400, 900));
        await _site.PublishAsync("2026/12/witness.md", Story);
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task<MediaEntity> RowAsync() => (await _site.Get<MediaStore>().GetAsync(PhotoBlob, Cancellation))!;

    /// <summary>Every file a reader can be sent for the image: each variant and the shared JPEG.</summary>
    private static List<string> Files(MediaEntity row) => [.. row.Variants.Select(variant => variant.Blob), row.ShareBlob!];

    private async Task AssertServedAsync(int status, IEnumerable<string> files)
    {
        foreach (var blob in files)
        {
            var context = _site.NewHttpContext("/media/" + blob);
            var answer = await HttpResponseSnapshot.ExecuteAsync(await new MediaFunctions(_site.Get<MediaHandlers>()).GetMedia(context.Request, blob, Cancellation), context);
            Assert.True(answer.StatusCode == status, $"/media/{blob} answers {answer.StatusCode}, not {status}");
        }
    }

    private async Task<string> PageAsync() => (await _site.GetPageAsync(Slug)).Body;

    [Fact]
    public async Task Deleting_the_image_stops_every_file_made_of_it_and_its_page_shows_the_alt_text()
    {
        var files = Files(await RowAsync());
        Assert.Equal(15, files.Count);
        await AssertServedAsync(200, files);
        Assert.Contains("<picture>", await PageAsync(), StringComparison.Ordinal);

        // As Event Grid reports a deletion: the blob trigger's ingest finds the blob gone.
        await _site.Articles.DeleteBlobAsync(PhotoBlob, cancellationToken: Cancellation);
        await _site.TriggerIngestAsync(_site.Articles.GetBlobClient(PhotoBlob));
        await _site.DrainRenderQueueAsync();

        await AssertServedAsync(404, files);
        var page = await PageAsync();
        Assert.DoesNotContain("<picture>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/media/", page, StringComparison.Ordinal);
        Assert.Contains("<p>A woman on a bench</p>", page, StringComparison.Ordinal);
        Assert.Empty(await ListMediaAsync());
    }

    [Fact]
    public async Task Replaced_version_stays_served_for_the_grace_period_then_is_reclaimed()
    {
        var before = Files(await RowAsync());

        // Time passes between the two uploads, as render requests expect of a clock.
        _clock.Now += TimeSpan.FromMinutes(1);
        await _site.PublishBytesAsync(PhotoBlob, TestPhotos.Jpeg(1400, 900, quality: 80));
        var after = Files(await RowAsync());
        Assert.Empty(before.Intersect(after));
        Assert.Contains(after[0], await PageAsync(), StringComparison.Ordinal);

        _clock.Now += MediaIngester.ReplacedGrace - TimeSpan.FromMinutes(1);
        await _site.Get<ArticleReconciler>().ReconcileAsync(Cancellation);
        await AssertServedAsync(200, [.. before, .. after]);

        _clock.Now += TimeSpan.FromMinutes(2);
        await _site.Get<ArticleReconciler>().ReconcileAsync(Cancellation);
        await AssertServedAsync(404, before);
        await AssertServedAsync(200, after);
        Assert.Equal(after.Order(StringComparer.Ordinal), await ListMediaAsync());
    }

    private async Task<List<string>> ListMediaAsync()
    {
        var names = new List<string>();
        await foreach (var blob in _site.Get<StorageClients>().Media.GetBlobsAsync(cancellationToken: Cancellation))
        {
            names.Add(blob.Name);
        }
        return names;
    }
}
