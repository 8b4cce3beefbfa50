using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// The author dashboard: every uploaded article with its state, why it failed, its warnings and links to its page,
/// page preview and share preview; a filter by state; pages followed to the end.
/// </summary>
public sealed class DashboardTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task<HttpResponseSnapshot> DashboardAsync(string query = "")
    {
        var context = _site.NewHttpContext("/api/admin/pages/" + query);
        return await HttpResponseSnapshot.ExecuteAsync(await _site.AuthorPages.Dashboard(context.Request, Cancellation), context);
    }

    private async Task PublishFourStatesAsync()
    {
        await _site.PublishAsync("published.md", Samples.FrontMatterArticle("Out in the open", extra: "slug: out-in-the-open"));
        await _site.PublishAsync("draft.md", Samples.FrontMatterArticle("Still a draft", extra: "draft: true"));
        await _site.PublishAsync("later.md", Samples.Article("Out next year", "2099-01-01T09:00:00Z"));
        await _site.PublishAsync("broken.md", "---\ntitle: [unclosed\n---\nBody.");
    }

    [Fact]
    public async Task Every_article_is_listed_with_its_state_reason_and_links()
    {
        await PublishFourStatesAsync();

        var page = await DashboardAsync();

        Assert.Equal(200, page.StatusCode);
        foreach (var state in (string[])["published", "draft", "scheduled", "failed"])
        {
            Assert.Contains($"<td>{state}<br>", page.Body, StringComparison.Ordinal);
        }
        Assert.Contains("not valid YAML", page.Body, StringComparison.Ordinal);
        Assert.Contains($"href=\"{TestSite.PublicBaseUrl}/articles/out-in-the-open\">Page</a>", page.Body, StringComparison.Ordinal);
        Assert.Contains("href=\"preview?blob=draft.md\">Page preview</a>", page.Body, StringComparison.Ordinal);
        Assert.Contains("href=\"share-preview?blob=later.md\">Share preview</a>", page.Body, StringComparison.Ordinal);
        Assert.Contains("no-store", page.Headers.CacheControl.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page.Body, StringComparison.OrdinalIgnoreCase);
        Assert.True((await PageCheck.RunAsync(page.Body)).Valid);
    }

    [Fact]
    public async Task An_article_ingested_and_not_yet_rendered_is_listed_as_rendering()
    {
        await _site.TriggerIngestAsync(await _site.UploadAsync("on-its-way.md", Samples.FrontMatterArticle("On its way")));

        var page = await DashboardAsync();

        Assert.Contains("<td>rendering<br>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<code>on-its-way.md</code>", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_article_s_warnings_are_listed_beside_it()
    {
        await _site.PublishAsync("warned.md", Samples.FrontMatterArticle("Warned", body: "# Warned\n\nThe heading repeats the title."));
        var (_, status) = await _site.GetAdminStatusAsync("warned.md");
        var warning = status.GetProperty("warnings")[0].GetString()!;

        var page = await DashboardAsync();

        var listed = System.Text.RegularExpressions.Regex.Match(page.Body, "<ul class=\"warnings\">(.*?)</ul>").Groups[1].Value;
        Assert.Contains("<li>" + warning + "</li>", System.Net.WebUtility.HtmlDecode(listed), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_state_filter_follows_the_pages_to_the_end()
    {
        await PublishFourStatesAsync();
        await _site.PublishAsync("another-draft.md", Samples.FrontMatterArticle("Another draft", extra: "draft: true"));

        var seen = await FollowPagesAsync("?state=draft&top=1");

        Assert.Equal(["another-draft.md", "draft.md"], seen.Order());
    }

    [Fact]
    public async Task The_state_filter_keeps_only_the_articles_in_that_state()
    {
        await PublishFourStatesAsync();

        var page = await DashboardAsync("?state=failed");

        Assert.Contains("broken.md", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>published.md</code>", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>draft.md</code>", page.Body, StringComparison.Ordinal);
        Assert.Equal(400, (await DashboardAsync("?state=lost")).StatusCode);
    }

    [Fact]
    public async Task Next_page_links_lead_through_every_article()
    {
        await PublishFourStatesAsync();

        var seen = await FollowPagesAsync("?top=3");

        Assert.Equal(["broken.md", "draft.md", "later.md", "published.md"], seen.Order());
    }

    /// <summary>The blobs listed on each page from <paramref name="query"/>'s, following "Next page" to the last (at most 10 pages).</summary>
    private async Task<List<string>> FollowPagesAsync(string? query)
    {
        var seen = new List<string>();
        for (var pages = 0; query is not null && pages < 10; pages++)
        {
            var page = await DashboardAsync(query);
            seen.AddRange(System.Text.RegularExpressions.Regex.Matches(page.Body, "<code>([^<]+)</code>").Select(match => match.Groups[1].Value));
            var next = System.Text.RegularExpressions.Regex.Match(page.Body, "<a href=\"\\./(\\?[^\"]+)\">Next page</a>");
            query = next.Success ? System.Net.WebUtility.HtmlDecode(next.Groups[1].Value) : null;
        }
        return seen;
    }

    [Fact]
    public async Task The_folder_without_its_final_slash_redirects_to_it()
    {
        var context = _site.NewHttpContext("/api/admin/pages?state=draft");
        var page = await HttpResponseSnapshot.ExecuteAsync(await _site.AuthorPages.Dashboard(context.Request, Cancellation), context);

        Assert.Equal((302, "/api/admin/pages/?state=draft"), (page.StatusCode, page.Headers.Location.ToString()));
    }
}
