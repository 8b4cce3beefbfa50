using System.ServiceModel.Syndication;
using System.Xml;
using Serverless.Core.Admin;
using Serverless.Core.Site;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>GET /feed.xml (RSS 2.0) and /atom.xml (Atom 1.0): stage-2 outputs, read by a real feed parser.</summary>
public sealed class FeedTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _site.PublishAsync("older.md", Samples.Article("The older story", "2024-12-01T08:00:00Z", "[azure]",
            "slug: older\ndescription: \"What came first, & why it matters.\""));
        await _site.PublishAsync("newer.md", Samples.Article("The newer story", "2024-12-05T08:00:00Z", "[azure, Cyber-sécurité]",
            "slug: newer\nimage: /images/newer.jpg"));
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task<FeedReader> ReadAsync(string path)
    {
        var response = await _site.GetSiteFileAsync(path);
        Assert.Equal(200, response.StatusCode);
        return await FeedReader.ParseAsync(response.Body);
    }

    [Fact]
    public async Task Rss_feed_lists_served_articles_newest_first_for_a_feed_reader()
    {
        var feed = await ReadAsync("/feed.xml");

        Assert.Equal("Serverless News", feed["title"]);
        Assert.Equal(TestSite.PublicBaseUrl + "/", feed["link"]);
        Assert.Equal(TestSite.PublicBaseUrl + "/feed.xml", feed["feedUrl"]);
        Assert.Equal(["The newer story", "The older story"], feed.Items.Select(item => FeedReader.Text(item, "title")));
        var older = feed.Items[1];
        Assert.Equal(TestSite.PublicBaseUrl + "/articles/older", FeedReader.Text(older, "link"));
        Assert.Equal(TestSite.PublicBaseUrl + "/articles/older", FeedReader.Text(older, "guid"));
        Assert.Equal("What came first, & why it matters.", FeedReader.Text(older, "contentSnippet"));
        Assert.Equal("2024-12-01T08:00:00.000Z", FeedReader.Text(older, "isoDate"));
        Assert.Equal("Jane Doe", FeedReader.Text(older, "creator"));
        Assert.Equal(["azure"], older.GetProperty("categories").EnumerateArray().Select(category => category.GetString()));
    }

    [Fact]
    public async Task Article_image_is_an_enclosure_at_an_absolute_url()
    {
        var feed = await ReadAsync("/feed.xml");

        var enclosure = feed.Items[0].GetProperty("enclosure");
        Assert.Equal(TestSite.PublicBaseUrl + "/images/newer.jpg", FeedReader.Text(enclosure, "url"));
        Assert.Equal("image/jpeg", FeedReader.Text(enclosure, "type"));
        Assert.False(feed.Items[1].TryGetProperty("enclosure", out _));
    }

    [Fact]
    public async Task Atom_feed_lists_the_same_articles_for_a_feed_reader()
    {
        var feed = await ReadAsync("/atom.xml");

        Assert.Equal("Serverless News", feed["title"]);
        Assert.Equal(TestSite.PublicBaseUrl + "/atom.xml", feed["feedUrl"]);
        Assert.Equal(["The newer story", "The older story"], feed.Items.Select(item => FeedReader.Text(item, "title")));
        var newer = feed.Items[0];
        Assert.Equal(TestSite.PublicBaseUrl + "/articles/newer", FeedReader.Text(newer, "id"));
        Assert.Equal(TestSite.PublicBaseUrl + "/articles/newer", FeedReader.Text(newer, "link"));
        Assert.Equal("What happened, told in a few plain words for the readers.", FeedReader.Text(newer, "summary"));
        Assert.Equal("Jane Doe", FeedReader.Text(newer, "author"));
        Assert.Equal("2024-12-05T08:00:00.000Z", FeedReader.Text(newer, "isoDate"));
        var enclosure = newer.GetProperty("links").EnumerateArray().Select(link => link.GetProperty("$")).Single(link => FeedReader.Text(link, "rel") == "enclosure");
        Assert.Equal((TestSite.PublicBaseUrl + "/images/newer.jpg", "image/jpeg"), (FeedReader.Text(enclosure, "href"), FeedReader.Text(enclosure, "type")));
    }

    [Theory]
    [InlineData("/feed.xml")]
    [InlineData("/atom.xml")]
    public async Task Feed_loads_with_SyndicationFeed(string path)
    {
        var response = await _site.GetSiteFileAsync(path);

        using var reader = XmlReader.Create(new StringReader(response.Body));
        var feed = SyndicationFeed.Load(reader);
        Assert.Equal(["The newer story", "The older story"], feed.Items.Select(item => item.Title.Text));
        Assert.Equal(new Uri(TestSite.PublicBaseUrl + "/articles/newer"), feed.Items.First().Links.Single(link => link.RelationshipType is null or "alternate").Uri);
    }

    [Theory]
    [InlineData("/feed.xml", "application/rss+xml; charset=utf-8")]
    [InlineData("/atom.xml", "application/atom+xml; charset=utf-8")]
    public async Task Feed_is_served_with_its_media_type_nosniff_and_a_validator(string path, string contentType)
    {
        var response = await _site.GetSiteFileAsync(path);

        Assert.Equal(contentType, response.Headers.ContentType.ToString());
        Assert.Equal("nosniff", response.Headers.XContentTypeOptions.ToString());
        Assert.StartsWith("public, max-age=60", response.Headers.CacheControl.ToString());
        Assert.False(string.IsNullOrEmpty(response.Headers.ETag.ToString()));
    }

    [Fact]
    public async Task Matching_if_none_match_gets_304_without_the_feed()
    {
        var first = await _site.GetSiteFileAsync("/feed.xml");

        var second = await _site.GetSiteFileAsync("/feed.xml", ("If-None-Match", first.Headers.ETag.ToString()));

        Assert.Equal((304, string.Empty), (second.StatusCode, second.Body));
    }

    [Fact]
    public async Task Updated_article_changes_its_feed_entry()
    {
        var before = await _site.GetSiteFileAsync("/feed.xml");

        await _site.PublishAsync("older.md", Samples.Article("The older story, corrected", "2024-12-01T08:00:00Z", "[azure]",
            "slug: older\ndescription: A corrected account.\nupdated: 2024-12-10T08:00:00Z"));

        await using var reader = new TestSite(azurite, _site.Settings); // past this instance's in-memory copy
        var after = await reader.GetSiteFileAsync("/feed.xml");
        Assert.NotEqual(before.Headers.ETag.ToString(), after.Headers.ETag.ToString());
        var entry = (await FeedReader.ParseAsync(after.Body)).Items[1];
        Assert.Equal(("The older story, corrected", "A corrected account."), (FeedReader.Text(entry, "title"), FeedReader.Text(entry, "contentSnippet")));
        var atomEntry = (await FeedReader.ParseAsync((await reader.GetSiteFileAsync("/atom.xml")).Body)).Items[1];
        Assert.Equal(("The older story, corrected", "2024-12-10T08:00:00Z"), (FeedReader.Text(atomEntry, "title"), FeedReader.Text(atomEntry, "updated")));
    }

    [Fact]
    public async Task Feeds_carry_the_newest_20_articles()
    {
        for (var day = 1; day <= FeedFiles.Size + 1; day++)
        {
            await _site.UploadAsync($"many/day-{day}.md", Samples.Article($"Day {day} of the year", $"2025-01-{day:D2}T08:00:00Z", extra: $"slug: day-{day}"));
        }
        await _site.Get<ArticleReconciler>().ReconcileAsync(Cancellation);
        await _site.DrainRenderQueueAsync();

        var feed = await ReadAsync("/feed.xml");

        Assert.Equal(FeedFiles.Size, feed.Items.Count);
        Assert.Equal("Day 21 of the year", FeedReader.Text(feed.Items[0], "title"));
        Assert.Equal("Day 2 of the year", FeedReader.Text(feed.Items[^1], "title"));
    }

    [Fact]
    public async Task Cold_feed_read_makes_one_storage_request()
    {
        await using var reader = new TestSite(azurite, _site.Settings); // another instance: nothing in memory yet
        reader.Requests.Reset();

        var response = await reader.GetSiteFileAsync("/feed.xml");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal((1, 0), (reader.Requests.Reads, reader.Requests.Writes));
    }

    [Fact]
    public async Task Warm_feed_read_makes_no_storage_request()
    {
        var cold = await _site.GetSiteFileAsync("/feed.xml");
        _site.Requests.Reset();

        var warm = await _site.GetSiteFileAsync("/feed.xml");

        Assert.Equal((200, cold.Body), (warm.StatusCode, warm.Body));
        Assert.Equal((0, 0), (_site.Requests.Reads, _site.Requests.Writes));
    }
}
