using System.Text.Json;
using Serverless.Core.Site;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Bylines and what they lead to: every author of an article linked to their page, /authors/{slug} listing their
/// articles newest first with its own feed and their profile, the "updated" notice, and the month archives.
/// </summary>
public sealed class AuthorPageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });

    public async ValueTask InitializeAsync()
    {
        var profile = "bio: Covers budgets & <parliament>.\nphoto: https://cdn.example.com/zoe.jpg\nlinks: [https://zoe.example.com]\nfediverse: \"@zoe@mastodon.social\"\n";
        await _site.Get<StorageClients>().EnsureCreatedAsync(TestContext.Current.CancellationToken);
        await _site.Get<StorageClients>().Site.GetBlobClient(AuthorProfile.FileOf("zoe-dupont")).UploadAsync(BinaryData.FromString(profile), overwrite: true, TestContext.Current.CancellationToken);
        await _site.PublishAsync("older.md", Samples.Article("Older budget story", "2024-11-03T08:00:00Z", extra: "slug: older\nauthors: [Zoé Dupont]"));
        await _site.PublishAsync("newer.md", Samples.Article("Newer budget story", "2024-12-08T08:00:00Z",
            extra: "slug: newer\nauthors: [Zoé Dupont, Max Mustermann]\nupdated: 2024-12-09T10:00:00Z"));
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Byline_links_every_author_to_their_page()
    {
        var page = await _site.GetPageAsync("newer");

        Assert.Contains("By <a rel=\"author\" href=\"/authors/zoe-dupont\">Zoé Dupont</a> and <a rel=\"author\" href=\"/authors/max-mustermann\">Max Mustermann</a> · ", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Article_updated_after_publication_says_so_with_a_time()
    {
        var updated = await _site.GetPageAsync("newer");
        var never = await _site.GetPageAsync("older");

        Assert.Contains("<span class=\"updated\">Updated <time datetime=\"2024-12-09T10:00:00+00:00\">Monday, December 9, 2024</time></span>", updated.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"updated\"", never.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Author_page_lists_their_articles_newest_first_and_only_theirs()
    {
        var zoe = await _site.GetSiteFileAsync("/authors/zoe-dupont");
        var max = await _site.GetSiteFileAsync("/authors/max-mustermann");

        Assert.Equal(200, zoe.StatusCode);
        Assert.Contains("<h1>Zoé Dupont</h1>", zoe.Body, StringComparison.Ordinal);
        var (newer, older) = (zoe.Body.IndexOf("href=\"/articles/newer\"", StringComparison.Ordinal), zoe.Body.IndexOf("href=\"/articles/older\"", StringComparison.Ordinal));
        Assert.True(newer > 0 && older > newer, "newest first");
        Assert.DoesNotContain("/articles/older", max.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Author_page_shows_the_profile_file_and_describes_the_person_in_structured_data()
    {
        var page = await _site.GetSiteFileAsync("/authors/zoe-dupont");

        Assert.Contains("<p>Covers budgets &amp; &lt;parliament&gt;.</p>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"fediverse:creator\" content=\"@zoe@mastodon.social\">", page.Body, StringComparison.Ordinal);
        Assert.Contains("<a rel=\"me\" href=\"https://mastodon.social/@zoe\">", page.Body, StringComparison.Ordinal);
        var check = await PageCheck.RunAsync(page.Body);
        Assert.True(check.Valid, string.Join("\n", check.Messages));
        var json = page.Body[(page.Body.IndexOf("<script type=\"application/ld+json\">", StringComparison.Ordinal) + 35)..];
        using var data = JsonDocument.Parse(json[..json.IndexOf("</script>", StringComparison.Ordinal)]);
        var person = data.RootElement.GetProperty("mainEntity");
        Assert.Equal(("ProfilePage", "Person", "Zoé Dupont", TestSite.PublicBaseUrl + "/authors/zoe-dupont", "https://mastodon.social/@zoe"),
            (data.RootElement.GetProperty("@type").GetString(), person.GetProperty("@type").GetString(), person.GetProperty("name").GetString(),
             person.GetProperty("url").GetString(), person.GetProperty("sameAs")[1].GetString()));
    }

    [Fact]
    public async Task Author_feed_lists_their_articles_for_a_feed_reader()
    {
        var feed = await FeedReader.ParseAsync((await _site.GetSiteFileAsync("/authors/zoe-dupont/feed.xml")).Body);

        Assert.Equal([TestSite.PublicBaseUrl + "/articles/newer", TestSite.PublicBaseUrl + "/articles/older"], feed.Items.Select(item => FeedReader.Text(item, "link")));
    }

    [Fact]
    public async Task Author_page_is_discoverable_from_its_feed_link()
    {
        var page = await _site.GetSiteFileAsync("/authors/max-mustermann");

        Assert.Contains($"<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Max Mustermann · Serverless News\" href=\"{TestSite.PublicBaseUrl}/authors/max-mustermann/feed.xml\">", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Month_archive_lists_the_articles_of_that_month_only()
    {
        var handlers = _site.Get<Serverless.Core.Http.ArchiveHandlers>();
        var context = _site.NewHttpContext("/archives/2024/12");
        var page = await HttpResponseSnapshot.ExecuteAsync(await handlers.GetMonthAsync(context.Request, "2024", "12", TestContext.Current.CancellationToken), context);

        Assert.Equal(200, page.StatusCode);
        Assert.Contains("<h1>December 2024</h1>", page.Body, StringComparison.Ordinal);
        Assert.Contains("href=\"/articles/newer\"", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/articles/older\"", page.Body, StringComparison.Ordinal);
    }
}
