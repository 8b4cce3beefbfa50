using System.Xml.Linq;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// GET /sitemap.xml, a sitemap index of monthly shards (/sitemaps/{yyyy-MM}.xml), and /robots.txt: valid against the
/// sitemaps.org schemas, one entry per served article with its last modification, kept in line by stage 2.
/// </summary>
public sealed class SitemapTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly XNamespace Sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });

    public async ValueTask InitializeAsync()
    {
        await _site.PublishAsync("november.md", Samples.Article("A November story", "2024-11-20T08:00:00Z", extra: "slug: november\nupdated: 2024-11-21T10:00:00Z"));
        await _site.PublishAsync("december.md", Samples.Article("A December story", "2024-12-02T08:00:00Z", extra: "slug: december\nupdated: 2024-12-03T10:00:00Z"));
        await _site.PublishAsync("december-2.md", Samples.Article("Another December story", "2024-12-30T23:30:00-02:00", extra: "slug: december-2\nupdated: 2025-01-02T10:00:00Z"));
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task<XDocument> GetXmlAsync(string path)
    {
        var response = await _site.GetSiteFileAsync(path);
        Assert.Equal(200, response.StatusCode);
        return XDocument.Parse(response.Body);
    }

    /// <summary>The shards the index names, by path, with the lastmod it gives them.</summary>
    private async Task<Dictionary<string, string?>> IndexAsync() =>
        (await GetXmlAsync("/sitemap.xml")).Root!.Elements(Sitemaps + "sitemap").ToDictionary(
            sitemap => new Uri(sitemap.Element(Sitemaps + "loc")!.Value).AbsolutePath,
            sitemap => sitemap.Element(Sitemaps + "lastmod")?.Value);

    /// <summary>The article URLs a shard lists, with their lastmod.</summary>
    private async Task<Dictionary<string, string?>> ShardAsync(string path) =>
        (await GetXmlAsync(path)).Root!.Elements(Sitemaps + "url").ToDictionary(
            url => url.Element(Sitemaps + "loc")!.Value,
            url => url.Element(Sitemaps + "lastmod")?.Value);

    [Fact]
    public async Task Sitemap_index_and_its_shards_are_valid_against_the_sitemaps_org_schemas()
    {
        var index = await _site.GetSiteFileAsync("/sitemap.xml");
        XmlSchemas.AssertValid(index.Body, XmlSchemas.Load("siteindex.xsd"));

        var urlset = XmlSchemas.Load("sitemap.xsd");
        foreach (var shard in (await IndexAsync()).Keys)
        {
            XmlSchemas.AssertValid((await _site.GetSiteFileAsync(shard)).Body, urlset);
        }
    }

    [Fact]
    public async Task Index_names_one_shard_per_month_with_its_newest_lastmod()
    {
        var index = await IndexAsync();

        Assert.Equal(new Dictionary<string, string?>
        {
            ["/sitemaps/2024-12.xml"] = "2025-01-02T10:00:00Z",
            ["/sitemaps/2024-11.xml"] = "2024-11-21T10:00:00Z",
        }, index);
    }

    [Fact]
    public async Task Shard_lists_the_articles_published_that_month_with_their_lastmod()
    {
        // 2024-12-30T23:30-02:00 is 2024-12-31T01:30Z: months are UTC.
        Assert.Equal(new Dictionary<string, string?>
        {
            [TestSite.PublicBaseUrl + "/articles/december-2"] = "2025-01-02T10:00:00Z",
            [TestSite.PublicBaseUrl + "/articles/december"] = "2024-12-03T10:00:00Z",
        }, await ShardAsync("/sitemaps/2024-12.xml"));
    }

    [Fact]
    public async Task Updated_article_gets_its_new_lastmod()
    {
        await _site.PublishAsync("november.md", Samples.Article("A November story, revised", "2024-11-20T08:00:00Z", extra: "slug: november\nupdated: 2024-12-15T09:00:00Z"));

        Assert.Equal("2024-12-15T09:00:00Z", (await ShardAsync("/sitemaps/2024-11.xml"))[TestSite.PublicBaseUrl + "/articles/november"]);
        Assert.Equal("2024-12-15T09:00:00Z", (await IndexAsync())["/sitemaps/2024-11.xml"]);
    }

    [Fact]
    public async Task Article_whose_date_moves_changes_shard_and_an_emptied_shard_leaves_the_index()
    {
        await _site.PublishAsync("november.md", Samples.Article("A November story", "2024-10-20T08:00:00Z", extra: "slug: november\nupdated: 2024-11-21T10:00:00Z"));

        Assert.Equal(["/sitemaps/2024-10.xml", "/sitemaps/2024-12.xml"], (await IndexAsync()).Keys.Order());
        Assert.Equal([TestSite.PublicBaseUrl + "/articles/november"], (await ShardAsync("/sitemaps/2024-10.xml")).Keys);
        Assert.Equal(404, (await _site.GetSiteFileAsync("/sitemaps/2024-11.xml")).StatusCode);
    }

    [Fact]
    public async Task Sitemap_is_served_as_xml_with_nosniff_and_a_validator()
    {
        var response = await _site.GetSiteFileAsync("/sitemap.xml");

        Assert.Equal("application/xml; charset=utf-8", response.Headers.ContentType.ToString());
        Assert.Equal("nosniff", response.Headers.XContentTypeOptions.ToString());
        Assert.False(string.IsNullOrEmpty(response.Headers.ETag.ToString()));
    }

    [Theory]
    [InlineData("/sitemaps/2024-13.xml")]
    [InlineData("/sitemaps/latest.xml")]
    [InlineData("/sitemaps/2023-01.xml")]
    public async Task Unknown_shard_gets_404(string path) =>
        Assert.Equal(404, (await _site.GetSiteFileAsync(path)).StatusCode);

    [Fact]
    public async Task Robots_txt_names_the_sitemap()
    {
        var response = await _site.GetSiteFileAsync("/robots.txt");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Headers.ContentType.ToString());
        Assert.Equal("nosniff", response.Headers.XContentTypeOptions.ToString());
        Assert.Contains($"Sitemap: {TestSite.PublicBaseUrl}/sitemap.xml", response.Body.Split('\n'));
        Assert.Contains("User-agent: *", response.Body.Split('\n'));
    }

    [Fact]
    public async Task Site_without_articles_has_no_sitemap_yet()
    {
        await using var empty = new TestSite(azurite);
        await empty.Get<StorageClients>().EnsureCreatedAsync(TestContext.Current.CancellationToken);

        Assert.Equal(404, (await empty.GetSiteFileAsync("/sitemap.xml")).StatusCode);
    }
}
