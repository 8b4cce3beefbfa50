using System.Xml.Linq;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// WebSub: with a hub configured, every feed names it beside its own address, and each feed rebuild tells the hub (a
/// real local HTTP server here) which feeds changed. Without one, feeds name no hub and nobody is told.
/// </summary>
public sealed class WebSubTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private TestReceiver _hub = null!;
    private TestSite _site = null!;

    public async ValueTask InitializeAsync()
    {
        _hub = await TestReceiver.StartAsync();
        _site = new TestSite(azurite, new Dictionary<string, string?> { ["Discovery:WebSubHub"] = _hub.Url("hub"), ["Site:ServerCacheSeconds"] = "0" });
        await _site.PublishAsync("one.md", Samples.Article("A story", "2024-12-02T08:00:00Z", tags: "[azure]", extra: "slug: one"));
    }

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        await _hub.DisposeAsync();
    }

    private async Task<Dictionary<string, string>> LinksAsync(string feed, Func<XElement, IEnumerable<XElement>> links) =>
        links(XDocument.Parse((await _site.GetSiteFileAsync(feed)).Body).Root!).ToDictionary(link => link.Attribute("rel")!.Value, link => link.Attribute("href")!.Value);

    [Theory]
    [InlineData("/feed.xml")]
    [InlineData("/tags/azure/feed.xml")]
    public async Task Rss_feeds_name_the_hub_and_themselves(string feed)
    {
        var links = await LinksAsync(feed, root => root.Element("channel")!.Elements(Atom + "link"));

        Assert.Equal(_hub.Url("hub"), links["hub"]);
        Assert.Equal(TestSite.PublicBaseUrl + feed, links["self"]);
    }

    [Fact]
    public async Task Atom_feed_names_the_hub_and_itself()
    {
        var links = await LinksAsync("/atom.xml", root => root.Elements(Atom + "link").Where(link => link.Attribute("rel")?.Value is "hub" or "self"));

        Assert.Equal(_hub.Url("hub"), links["hub"]);
        Assert.Equal(TestSite.PublicBaseUrl + "/atom.xml", links["self"]);
    }

    [Fact]
    public async Task Each_feed_rebuild_pings_the_hub_with_the_feeds_it_rebuilt()
    {
        var pings = _hub.Requests.Select(request =>
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal("application/x-www-form-urlencoded", request.ContentType);
            return Uri.UnescapeDataString(request.Body.Replace('+', ' '));
        }).ToList();

        Assert.Contains($"hub.mode=publish&hub.url={TestSite.PublicBaseUrl}/feed.xml&hub.url={TestSite.PublicBaseUrl}/atom.xml", pings);
        Assert.Contains($"hub.mode=publish&hub.url={TestSite.PublicBaseUrl}/tags/azure/feed.xml", pings);
        Assert.Equal(2, pings.Count);
    }

    [Fact]
    public async Task Without_a_hub_feeds_name_none_and_nobody_is_pinged()
    {
        await using var site = new TestSite(azurite);
        var before = _hub.Requests.Count;
        await site.PublishAsync("one.md", Samples.Article("A story", "2024-12-02T08:00:00Z", extra: "slug: one"));

        var feed = XDocument.Parse((await site.GetSiteFileAsync("/feed.xml")).Body);

        Assert.DoesNotContain(feed.Root!.Element("channel")!.Elements(Atom + "link"), link => link.Attribute("rel")!.Value == "hub");
        Assert.Equal(before, _hub.Requests.Count);
    }
}
