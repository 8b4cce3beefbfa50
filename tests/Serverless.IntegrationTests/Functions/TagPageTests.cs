using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>GET /tags/{tag} and /tags/{tag}/feed.xml: a tag's articles, newest first, as a page and as a feed.</summary>
public sealed class TagPageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });

    public async ValueTask InitializeAsync()
    {
        await _site.PublishAsync("first.md", Samples.Article("First on security", "2024-12-01T08:00:00Z", "[Cyber-sécurité, azure]", "slug: first"));
        await _site.PublishAsync("second.md", Samples.Article("Second on security", "2024-12-08T08:00:00Z", "[\"cyber sécurité\"]", "slug: second"));
        await _site.PublishAsync("other.md", Samples.Article("Only about Azure", "2024-12-05T08:00:00Z", "[azure]", "slug: other"));
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private static List<int> Positions(string html, params string[] slugs) =>
        [.. slugs.Select(slug => html.IndexOf($"href=\"/articles/{slug}\"", StringComparison.Ordinal))];

    [Fact]
    public async Task Tag_page_lists_the_tags_articles_newest_first()
    {
        var page = await _site.GetSiteFileAsync("/tags/cyber-securite");

        Assert.Equal(200, page.StatusCode);
        var positions = Positions(page.Body, "second", "first");
        Assert.All(positions, position => Assert.True(position > 0));
        Assert.True(positions[0] < positions[1]);
        Assert.DoesNotContain("/articles/other", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tag_page_is_named_as_its_newest_article_writes_the_tag()
    {
        var page = await _site.GetSiteFileAsync("/tags/cyber-securite");

        Assert.Contains("<h1>cyber sécurité</h1>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<title>cyber sécurité · Serverless News</title>", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tag_page_is_valid_html_in_the_site_layout_with_its_feed_and_strict_headers()
    {
        var page = await _site.GetSiteFileAsync("/tags/azure");

        var check = await PageCheck.RunAsync(page.Body);
        Assert.True(check.Valid, string.Join("\n", check.Messages));
        Assert.Equal(TestSite.PublicBaseUrl + "/tags/azure", check.Tag("ogUrl"));
        Assert.Contains($"<link rel=\"alternate\" type=\"application/rss+xml\" title=\"azure · Serverless News\" href=\"{TestSite.PublicBaseUrl}/tags/azure/feed.xml\">", page.Body, StringComparison.Ordinal);
        Assert.Contains("<header class=\"site\"><a href=\"/\">Serverless News</a>\n<nav aria-label=\"Main navigation\">", page.Body, StringComparison.Ordinal);
        Assert.Equal("text/html; charset=utf-8", page.Headers.ContentType.ToString());
        Assert.StartsWith("default-src 'none'", page.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.XContentTypeOptions.ToString());
        Assert.False(string.IsNullOrEmpty(page.Headers.ETag.ToString()));
    }

    [Fact]
    public async Task Tag_feed_lists_the_tags_articles_for_a_feed_reader()
    {
        var response = await _site.GetSiteFileAsync("/tags/azure/feed.xml");

        Assert.Equal("application/rss+xml; charset=utf-8", response.Headers.ContentType.ToString());
        var feed = await FeedReader.ParseAsync(response.Body);
        Assert.Equal("azure · Serverless News", feed["title"]);
        Assert.Equal(TestSite.PublicBaseUrl + "/tags/azure", feed["link"]);
        Assert.Equal(TestSite.PublicBaseUrl + "/tags/azure/feed.xml", feed["feedUrl"]);
        Assert.Equal([TestSite.PublicBaseUrl + "/articles/other", TestSite.PublicBaseUrl + "/articles/first"], feed.Items.Select(item => FeedReader.Text(item, "link")));
    }

    [Theory]
    [InlineData("/tags/Azure", "/tags/azure")]
    [InlineData("/tags/Cyber-s%C3%A9curit%C3%A9", "/tags/cyber-securite")]
    [InlineData("/tags/Azure/feed.xml", "/tags/azure/feed.xml")]
    public async Task Tag_written_otherwise_is_redirected_to_its_slug(string path, string location)
    {
        var response = await _site.GetSiteFileAsync(Uri.UnescapeDataString(path));

        Assert.Equal(301, response.StatusCode);
        Assert.Equal(location, response.Headers.Location.ToString());
    }

    [Fact]
    public async Task Article_that_drops_a_tag_leaves_its_page()
    {
        await _site.PublishAsync("first.md", Samples.Article("First on security", "2024-12-01T08:00:00Z", "[Cyber-sécurité]", "slug: first"));

        var page = await _site.GetSiteFileAsync("/tags/azure");
        Assert.DoesNotContain("/articles/first", page.Body, StringComparison.Ordinal);
        Assert.Contains("/articles/other", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tag_left_without_articles_answers_404()
    {
        await _site.PublishAsync("other.md", Samples.Article("Only about Azure", "2024-12-05T08:00:00Z", "[cloud]", "slug: other"));
        await _site.PublishAsync("first.md", Samples.Article("First on security", "2024-12-01T08:00:00Z", "[Cyber-sécurité]", "slug: first"));

        var page = await _site.GetSiteFileAsync("/tags/azure");
        Assert.Equal(404, page.StatusCode);
        Assert.Contains("<!DOCTYPE html>", page.Body, StringComparison.Ordinal);
        Assert.Equal(404, (await _site.GetSiteFileAsync("/tags/azure/feed.xml")).StatusCode);
        Assert.Equal(200, (await _site.GetSiteFileAsync("/tags/cloud")).StatusCode);
    }

    [Fact]
    public async Task Unknown_tag_gets_the_html_404_page()
    {
        var page = await _site.GetSiteFileAsync("/tags/no-such-tag");

        Assert.Equal(404, page.StatusCode);
        Assert.StartsWith("text/html", page.Headers.ContentType.ToString(), StringComparison.Ordinal);
    }
}
