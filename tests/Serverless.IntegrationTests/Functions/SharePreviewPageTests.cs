using System.Text.RegularExpressions;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// The share preview page authors open in a browser: every platform's card in light and dark, the warnings beside
/// the platform they concern, valid HTML, no script, a policy that allows nothing else, never indexed or stored.
/// </summary>
public sealed partial class SharePreviewPageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task<HttpResponseSnapshot> PageAsync(string query)
    {
        var context = _site.NewHttpContext("/api/admin/pages/share-preview?" + query);
        return await HttpResponseSnapshot.ExecuteAsync(await _site.AuthorPages.SharePreviewPage(context.Request, Cancellation), context);
    }

    [Fact]
    public async Task Every_platform_is_drawn_in_light_and_dark()
    {
        await _site.PublishAsync(Samples.SonyBlobName, Samples.Read(Samples.SonyBlobName));

        var page = await PageAsync("blob=" + Samples.SonyBlobName);

        Assert.Equal(200, page.StatusCode);
        foreach (var platform in (string[])["x", "facebook", "linkedin", "bluesky", "mastodon", "whatsapp", "slack", "discord", "google"])
        {
            Assert.Contains($"<figure class=\"card {platform} light\"", page.Body, StringComparison.Ordinal);
            Assert.Contains($"<figure class=\"card {platform} dark\"", page.Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_warning_is_shown_in_the_section_of_its_platform()
    {
        await _site.PublishAsync("long.md", Samples.FrontMatterArticle("A headline long enough to be cut by Google once the site name follows it"));

        var page = await PageAsync("blob=long.md");

        var google = GoogleSection().Match(page.Body);
        Assert.True(google.Success);
        Assert.Contains("(title-cut)", google.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_is_valid_html_runs_no_script_and_is_neither_indexed_nor_stored()
    {
        await _site.PublishAsync("draft.md", Samples.FrontMatterArticle("Not public yet", extra: "draft: true"));

        var page = await PageAsync("blob=draft.md");

        Assert.Equal(200, page.StatusCode);
        var check = await PageCheck.RunAsync(page.Body);
        Assert.True(check.Valid, string.Join("\n", check.Messages));
        Assert.DoesNotContain("<script", page.Body, StringComparison.OrdinalIgnoreCase);
        var policy = page.Headers.ContentSecurityPolicy.ToString();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.Contains("noindex", page.Headers["X-Robots-Tag"].ToString(), StringComparison.Ordinal);
        Assert.Contains("no-store", page.Headers.CacheControl.ToString(), StringComparison.Ordinal);
        Assert.Contains("<meta name=\"robots\" content=\"noindex, nofollow\">", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_article_is_drawn_before_it_goes_out()
    {
        await _site.PublishAsync("later.md", Samples.Article("Out next year", "2099-01-01T09:00:00Z"));

        var page = await PageAsync("blob=later.md");

        Assert.Equal(200, page.StatusCode);
        Assert.Contains("Out next year", page.Body, StringComparison.Ordinal);
        Assert.Contains("<figure class=\"card facebook light\"", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_blob_is_a_404() => Assert.Equal(404, (await PageAsync("blob=missing.md")).StatusCode);

    [GeneratedRegex("<section class=\"platform\" aria-labelledby=\"p-google\">.*?</section>", RegexOptions.Singleline)]
    private static partial Regex GoogleSection();
}
