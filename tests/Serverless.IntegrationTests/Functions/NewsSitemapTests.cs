using System.Globalization;
using System.Xml.Linq;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// GET /news-sitemap.xml, the Google News sitemap: the articles of the last two days, valid against the sitemaps.org
/// schema with Google's news extension, named in robots.txt and the sitemap index. On without any setting.
/// </summary>
public sealed class NewsSitemapTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly XNamespace Sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static readonly XNamespace News = "http://www.google.com/schemas/sitemap-news/0.9";
    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });

    private static string HoursAgo(int hours) => DateTimeOffset.UtcNow.AddHours(-hours).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public async ValueTask InitializeAsync()
    {
        await _site.PublishAsync("fresh.md", Samples.Article("Fresh & new", HoursAgo(1), extra: "slug: fresh"));
        await _site.PublishAsync("yesterday.md", Samples.Article("Yesterday's story", HoursAgo(30), extra: "slug: yesterday"));
        await _site.PublishAsync("old.md", Samples.Article("An old story", HoursAgo(72), extra: "slug: old"));
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task<XDocument> NewsSitemapAsync()
    {
        var response = await _site.GetSiteFileAsync("/news-sitemap.xml");
        Assert.Equal(200, response.StatusCode);
        return XDocument.Parse(response.Body);
    }

    [Fact]
    public async Task News_sitemap_is_valid_against_the_sitemap_and_google_news_schemas()
    {
        var news = (await _site.GetSiteFileAsync("/news-sitemap.xml")).Body;

        XmlSchemas.AssertValid(news, XmlSchemas.Load("sitemap.xsd", "sitemap-news.xsd"));
    }

    [Fact]
    public async Task News_sitemap_lists_the_articles_of_the_last_two_days_newest_first()
    {
        var urls = (await NewsSitemapAsync()).Root!.Elements(Sitemaps + "url").Select(url => url.Element(Sitemaps + "loc")!.Value);

        Assert.Equal([TestSite.PublicBaseUrl + "/articles/fresh", TestSite.PublicBaseUrl + "/articles/yesterday"], urls);
    }

    [Fact]
    public async Task Each_entry_names_the_publication_its_language_date_and_title()
    {
        var news = (await NewsSitemapAsync()).Root!.Elements(Sitemaps + "url").Select(url => url.Element(News + "news")!).ToList();

        Assert.Equal(["en", "en"], news.Select(entry => entry.Element(News + "publication")!.Element(News + "language")!.Value));
        Assert.All(news, entry => Assert.Equal(_site.Settings["Site:Name"], entry.Element(News + "publication")!.Element(News + "name")!.Value));
        Assert.Equal(["Fresh & new", "Yesterday's story"], news.Select(entry => entry.Element(News + "title")!.Value));
        Assert.Equal(HoursAgo(1)[..13], news[0].Element(News + "publication_date")!.Value[..13]);
    }

    [Fact]
    public async Task Sitemap_index_and_robots_txt_name_the_news_sitemap()
    {
        var index = XDocument.Parse((await _site.GetSiteFileAsync("/sitemap.xml")).Body);
        var robots = (await _site.GetSiteFileAsync("/robots.txt")).Body;

        Assert.Contains(TestSite.PublicBaseUrl + "/news-sitemap.xml", index.Root!.Elements(Sitemaps + "sitemap").Select(sitemap => sitemap.Element(Sitemaps + "loc")!.Value));
        Assert.Contains($"Sitemap: {TestSite.PublicBaseUrl}/news-sitemap.xml", robots.Split('\n'));
    }

    [Fact]
    public async Task Unpublished_article_leaves_the_news_sitemap_and_without_news_it_is_gone()
    {
        await _site.PublishAsync("fresh.md", Samples.Article("Fresh & new", HoursAgo(1), extra: "slug: fresh\ndraft: true"));
        Assert.Equal([TestSite.PublicBaseUrl + "/articles/yesterday"],
            (await NewsSitemapAsync()).Root!.Elements(Sitemaps + "url").Select(url => url.Element(Sitemaps + "loc")!.Value));

        await _site.PublishAsync("yesterday.md", Samples.Article("Yesterday's story", HoursAgo(30), extra: "slug: yesterday\ndraft: true"));

        Assert.Equal(404, (await _site.GetSiteFileAsync("/news-sitemap.xml")).StatusCode);
        var index = XDocument.Parse((await _site.GetSiteFileAsync("/sitemap.xml")).Body);
        Assert.DoesNotContain(TestSite.PublicBaseUrl + "/news-sitemap.xml", index.Root!.Elements(Sitemaps + "sitemap").Select(sitemap => sitemap.Element(Sitemaps + "loc")!.Value));
    }
}
