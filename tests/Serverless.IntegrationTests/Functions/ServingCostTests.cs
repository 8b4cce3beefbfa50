using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Caching.Memory;
using Serverless.Core.Admin;
using Serverless.Core.Http;
using Serverless.Core.Ingest;
using Serverless.Core.Storage;
using Serverless.Functions.Http;
using Serverless.IntegrationTests.Infrastructure;
using SkiaSharp;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// A site published once for <see cref="ServingCostTests"/>: an article with a tag and an image, and one without an
/// image (so it has a share card); the feeds, the sitemap and the tag's files follow.
/// </summary>
public sealed class PublishedSite(AzuriteFixture azurite) : IAsyncLifetime
{
    public const string Illustrated = "illustrated";
    public const string Carded = "carded";

    public TestSite Site { get; } = new(azurite);

    /// <summary>The path of the illustrated article's image, under /media/.</summary>
    public string MediaPath { get; private set; } = string.Empty;

    /// <summary>The month shard of the sitemap, e.g. 2024-12.</summary>
    public string SitemapMonth { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        await Site.Get<StorageClients>().EnsureCreatedAsync(TestContext.Current.CancellationToken);
        var poster = Site.Articles.GetBlobClient("illustrated/poster.png");
        await poster.UploadAsync(BinaryData.FromBytes(Poster()), overwrite: true, TestContext.Current.CancellationToken);
        await Site.TriggerIngestAsync(poster);
        var illustrated = await Site.PublishAsync("illustrated/article.md",
            Samples.Article("An illustrated story", "2024-12-01T08:00:00Z", "[azure]", $"slug: {Illustrated}\nimage: poster.png"));
        var carded = await Site.PublishAsync("carded.md", Samples.Article("A story with a card", "2024-12-02T08:00:00Z", "[azure]", $"slug: {Carded}"));
        Assert.Equal((PublishStatus.Published, PublishStatus.Published), (illustrated.Status, carded.Status));
        var status = await Site.Get<PublicationStatusReader>().ForBlobAsync("illustrated/poster.png", TestContext.Current.CancellationToken);
        MediaPath = status!.Url![(TestSite.PublicBaseUrl + "/media/").Length..];
        var sitemap = await Site.GetSiteFileAsync("/sitemap.xml");
        SitemapMonth = Regex.Match(sitemap.Body, @"sitemaps/(\d{4}-\d{2})\.xml").Groups[1].Value;
    }

    public ValueTask DisposeAsync() => Site.DisposeAsync();

    private static byte[] Poster()
    {
        using var bitmap = new SKBitmap(40, 30);
        bitmap.Erase(new SKColor(30, 90, 160));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 90);
        return data.ToArray();
    }
}

/// <summary>
/// What serving costs in storage requests, route by route, on an instance of its own (nothing in memory yet): a cold
/// request makes at most two, and the same request again within <c>Site:ServerCacheSeconds</c> makes none.
/// </summary>
public sealed class ServingCostTests(AzuriteFixture azurite, PublishedSite published) : IClassFixture<PublishedSite>
{
    public static TheoryData<string> PublicRoutes =>
    [
        "/articles/" + PublishedSite.Illustrated,
        "/",
        "/api/articles/" + PublishedSite.Illustrated,
        "/api/share/" + PublishedSite.Illustrated,
        "/api/articles?top=20",
        "/oembed?url=" + Uri.EscapeDataString($"{TestSite.PublicBaseUrl}/articles/{PublishedSite.Illustrated}"),
        "/og/" + PublishedSite.Carded + ".png",
        "/media/{image}",
        "/feed.xml",
        "/atom.xml",
        "/sitemap.xml",
        "/sitemaps/{month}.xml",
        "/tags/azure",
        "/tags/azure/feed.xml",
    ];

    /// <summary>
    /// A fresh instance on the published site's storage, holding answers for the longest lifetime allowed, past its
    /// start-up: the containers and tables it makes sure of once per process, and whether listing rows of before
    /// months remain (<see cref="LegacyListing"/>), are not a request's cost.
    /// </summary>
    private async Task<TestSite> NewInstanceAsync()
    {
        var instance = new TestSite(azurite, new Dictionary<string, string?>(published.Site.Settings) { ["Site:ServerCacheSeconds"] = "60" });
        await instance.Get<StorageClients>().EnsureCreatedAsync(TestContext.Current.CancellationToken);
        await instance.Get<LegacyListing>().HoldsRowsAsync(TestContext.Current.CancellationToken);
        return instance;
    }

    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task Cold_request_makes_at_most_two_storage_reads_besides_the_theme_sheet_and_no_write(string route)
    {
        await using var instance = await NewInstanceAsync();
        instance.Requests.Reset();

        var response = await GetAsync(instance, route);

        Assert.Equal(200, response.StatusCode);
        // The home page also reads the uploaded theme sheet (SiteThemeSheet), once a second at most for all the pages an instance renders.
        Assert.InRange(instance.Requests.Reads, 1, route == "/" ? 3 : 2);
        Assert.Equal(0, instance.Requests.Writes);
    }

    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task Warm_request_makes_no_storage_request(string route)
    {
        await using var instance = await NewInstanceAsync();
        var cold = await GetAsync(instance, route);
        instance.Requests.Reset();

        var warm = await GetAsync(instance, route);

        Assert.Equal((200, cold.Body), (warm.StatusCode, warm.Body));
        Assert.Equal(0, instance.Requests.Total);
    }

    [Theory]
    [MemberData(nameof(PublicRoutes))]
    public async Task Warm_request_with_the_entity_tag_gets_304_without_a_body(string route)
    {
        await using var instance = await NewInstanceAsync();
        var cold = await GetAsync(instance, route);
        var etag = cold.Headers.ETag.ToString();

        var revalidated = await GetAsync(instance, route, ("If-None-Match", etag));

        Assert.NotEqual(string.Empty, etag);
        Assert.Equal((304, string.Empty), (revalidated.StatusCode, revalidated.Body));
    }

    [Fact]
    public async Task Cached_answer_counts_its_bytes_against_the_memory_bound()
    {
        await using var instance = await NewInstanceAsync();

        var page = await GetAsync(instance, "/articles/" + PublishedSite.Illustrated);

        var bytes = Encoding.UTF8.GetByteCount(page.Body);
        var counted = instance.Get<IMemoryCache>().GetCurrentStatistics()!.CurrentEstimatedSize!.Value;
        // The answer and its last-served copy kept for storage outages, each its bytes and a few dozen more.
        Assert.InRange(counted, 2L * bytes, 2L * (bytes + 100));
    }

    /// <summary>The route through its HTTP function, as the Functions host would call it.</summary>
    private async Task<HttpResponseSnapshot> GetAsync(TestSite site, string route, params (string Name, string Value)[] headers)
    {
        route = route.Replace("{image}", published.MediaPath, StringComparison.Ordinal).Replace("{month}", published.SitemapMonth, StringComparison.Ordinal);
        var context = site.NewHttpContext(route, headers);
        var request = context.Request;
        var cancellation = TestContext.Current.CancellationToken;
        var segments = request.Path.Value!.TrimStart('/').Split('/');
        var result = segments switch
        {
            ["articles", var slug] => await new PageFunctions(site.Get<PageHandlers>()).GetArticlePage(request, slug, cancellation),
            [""] => await new PageFunctions(site.Get<PageHandlers>()).GetIndexPage(request, cancellation),
            ["api", "articles"] => await new ApiFunctions(site.Get<ApiHandlers>()).ListArticles(request, cancellation),
            ["api", "articles", var slug] => await new ApiFunctions(site.Get<ApiHandlers>()).GetArticle(request, slug, cancellation),
            ["api", "share", var slug] => await new ApiFunctions(site.Get<ApiHandlers>()).GetShareSnippet(request, slug, cancellation),
            ["oembed"] => await new ApiFunctions(site.Get<ApiHandlers>()).GetOembed(request, cancellation),
            ["og", var card] => await new ShareCardFunctions(site.Get<ShareCardHandlers>()).GetShareCard(request, card[..^".png".Length], cancellation),
            ["media", ..] => await new MediaFunctions(site.Get<MediaHandlers>()).GetMedia(request, request.Path.Value!["/media/".Length..], cancellation),
            _ => null,
        };
        return result is null ? await site.GetSiteFileAsync(route, headers) : await HttpResponseSnapshot.ExecuteAsync(result, context);
    }
}
