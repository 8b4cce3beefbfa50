using System.Text.RegularExpressions;
using Serverless.Core.Admin;
using Serverless.Core.Http;
using Serverless.Core.Site;
using Serverless.Core.Storage;
using Serverless.Functions.Http;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// The operator's uploaded style sheet (<c>theme.css</c> in the site container): the reconciliation notices it and
/// republishes, pages then name it by a content hash in its URL, and it is served as CSS; one too large is left out
/// and listed among the failures.
/// </summary>
public sealed partial class ThemeUploadTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // Pages read as stored, not as an instance remembers them.
    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _site.PublishAsync("a.md", Samples.FrontMatterArticle("First", extra: "slug: first"));

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"/theme\\.css\\?v=([0-9a-f]{12})\">")]
    private static partial Regex ThemeLink();

    private async Task UploadThemeAsync(string css)
    {
        await _site.Get<StorageClients>().Site.GetBlobClient(ThemeUpload.FileName).UploadAsync(BinaryData.FromString(css), overwrite: true, Cancellation);
        await _site.Get<ArticleReconciler>().ReconcileAsync(Cancellation);
        await _site.DrainRenderQueueAsync();
    }

    private async Task<string?> ThemeVersionOfPageAsync()
    {
        var match = ThemeLink().Match((await _site.GetPageAsync("first")).Body);
        return match.Success ? match.Groups[1].Value : null;
    }

    private async Task<HttpResponseSnapshot> GetThemeAsync(string version)
    {
        var context = _site.NewHttpContext("/theme.css?v=" + version);
        return await HttpResponseSnapshot.ExecuteAsync(await new PageFunctions(_site.Get<PageHandlers>()).GetTheme(context.Request, Cancellation), context);
    }

    [Fact]
    public async Task An_uploaded_sheet_is_named_by_every_page_and_served_as_css_under_its_hash()
    {
        var before = await ThemeVersionOfPageAsync();

        await UploadThemeAsync("body{letter-spacing:.01em}");
        var version = await ThemeVersionOfPageAsync();
        var sheet = await GetThemeAsync(version!);

        Assert.Null(before);
        Assert.NotNull(version);
        Assert.Equal((200, "text/css; charset=utf-8", "nosniff"), (sheet.StatusCode, sheet.Headers.ContentType.ToString(), sheet.Headers.XContentTypeOptions.ToString()));
        Assert.EndsWith("body{letter-spacing:.01em}", sheet.Body, StringComparison.Ordinal);
        Assert.Contains("immutable", sheet.Headers.CacheControl.ToString(), StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", sheet.Headers.ContentSecurityPolicy.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_sheet_renders_pages_again_with_its_new_hash_and_an_unchanged_one_starts_nothing()
    {
        await UploadThemeAsync("body{letter-spacing:.01em}");
        var first = await ThemeVersionOfPageAsync();

        await UploadThemeAsync("body{letter-spacing:.02em}");
        var second = await ThemeVersionOfPageAsync();
        var changedAgain = await _site.Get<ThemeUploadWatcher>().CheckAsync(Cancellation);
        var oldUrl = await GetThemeAsync(first!);

        Assert.NotEqual(first, second);
        Assert.False(changedAgain);
        Assert.EndsWith(".02em}", oldUrl.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("immutable", oldUrl.Headers.CacheControl.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sheet_over_the_limit_is_left_out_and_listed_among_the_failures()
    {
        await UploadThemeAsync("body{}" + new string(' ', ThemeUpload.MaxBytes));
        var version = await ThemeVersionOfPageAsync();
        var failures = await _site.Get<FailureReport>().ListAsync(50, continuationToken: null, Cancellation);

        Assert.Null(version);
        var failure = Assert.Single(failures.Items, item => item.Kind == FailureKind.Theme);
        Assert.Equal(ThemeUpload.TooLargeMessage(ThemeUpload.MaxBytes + 6), failure.Reason);
    }
}
