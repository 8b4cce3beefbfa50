using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>
/// The share preview page and the dashboard in headless Chromium, as an author sees them: every platform drawn, nothing
/// wider than a 375 px phone, no accessibility violation by axe-core, in light and dark.
/// </summary>
public sealed class SharePreviewBrowserTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningLocalServer _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await RunningLocalServer.StartAsync(azurite.ConnectionString, settings => settings with { SamplesDirectory = null, ReconcileInterval = TimeSpan.FromHours(1) });

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task<List<JsonNode>> ViewsAsync(string path)
    {
        var input = new JsonObject
        {
            ["chromium"] = Chromium.Path,
            ["url"] = new Uri(_server.App.BaseAddress, path).ToString(),
            ["headers"] = new JsonObject { ["x-functions-key"] = _server.AdminKey },
            ["publicOrigin"] = new Uri(_server.App.Services.GetRequiredService<Serverless.Core.Configuration.SiteOptions>().BaseUrl).GetLeftPart(UriPartial.Authority),
            // SERVERLESS_SCREENSHOT=path keeps the desktop view, for the README.
            ["screenshot"] = Environment.GetEnvironmentVariable("SERVERLESS_SCREENSHOT") is { Length: > 0 } screenshot && path.Contains("share-preview", StringComparison.Ordinal) ? screenshot : null,
        };
        using var report = await NodeTool.RunAsync("check-author-page.mjs", input.ToJsonString());
        return [.. JsonNode.Parse(report.RootElement.GetRawText())!["views"]!.AsArray().Select(view => view!)];
    }

    private static void AssertFitsAndAccessible(List<JsonNode> views)
    {
        Assert.All(views, view =>
        {
            var where = $"{view["width"]} px, {view["colorScheme"]}";
            Assert.Equal(200, (int)view["status"]!);
            Assert.False((bool)view["overflow"]!, $"{where}: the page is {view["scrollWidth"]} px wide");
            Assert.True(view["axe"]!.AsArray().Count == 0, $"{where}: {view["axe"]!.ToJsonString()}");
            Assert.True(view["violations"]!.AsArray().Count == 0, $"{where}: {view["violations"]!.ToJsonString()}");
        });
    }

    [Fact]
    public async Task The_share_preview_draws_every_platform_fits_a_phone_and_passes_axe()
    {
        Chromium.Require();
        // The CMS export: a headline and a first paragraph long enough that Google and LinkedIn cut them, so warnings are drawn too.
        const string Sample = "sony-pictures-the-interview.txt";
        await _server.UploadAsync(Sample, File.ReadAllText(Path.Combine(RepositoryRootPath(), "samples", "articles", Sample)));
        using var page = await _server.WaitForAsync($"/api/admin/share-preview?blob={Sample}&code=" + Uri.EscapeDataString(_server.AdminKey), HttpStatusCode.OK);

        var views = await ViewsAsync("/admin/share-preview?blob=" + Sample);

        AssertFitsAndAccessible(views);
        Assert.All(views, view =>
        {
            var cards = view["cards"]!.AsArray().Select(card => (string)card!).ToList();
            foreach (var platform in (string[])["x", "facebook", "linkedin", "bluesky", "mastodon", "whatsapp", "slack", "discord", "google"])
            {
                Assert.Contains($"card {platform} light", cards);
                Assert.Contains($"card {platform} dark", cards);
            }
            Assert.True(view["hiddenCards"]!.AsArray().Count == 0, $"{view["width"]} px: {view["hiddenCards"]!.ToJsonString()}");
            Assert.Equal(3, (int)view["warnings"]!);
        });
    }

    [Fact]
    public async Task The_dashboard_fits_a_phone_and_passes_axe()
    {
        Chromium.Require();
        await _server.UploadAsync("sample.md", Samples.FrontMatterArticle("On the dashboard", extra: "slug: on-the-dashboard"));
        await _server.UploadAsync("broken.md", "---\ntitle: [unclosed\n---\nBody.");
        using var published = await _server.WaitForAsync("/articles/on-the-dashboard", HttpStatusCode.OK);

        AssertFitsAndAccessible(await ViewsAsync("/admin/"));
    }

    private static string RepositoryRootPath() => Serverless.LocalServer.RepositoryRoot.Find();
}
