using System.Net;
using System.Text.Json.Nodes;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>
/// The quality bar readers feel, on the sample article, the home page, a tag page and an author page, served by the
/// real local server and audited in one run of Chromium: Lighthouse 12 (mobile) performance at least 0.98 and
/// accessibility, best practices and SEO 1.0; axe-core with no violation of any impact, in light and dark; no
/// horizontal overflow from 320 to 1920 px; nothing the CSP had to block.
/// </summary>
public sealed class SiteQualityTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningLocalServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await RunningLocalServer.StartAsync(azurite.ConnectionString);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task Article_home_tag_and_author_pages_score_full_marks_in_lighthouse_and_axe()
    {
        Chromium.Require();
        string[] paths = ["/articles/welcome-to-serverless", "/", "/tags/publishing", "/authors/the-serverless-team"];
        foreach (var path in paths)
        {
            using var served = await _server.WaitForAsync(path, HttpStatusCode.OK, TimeSpan.FromSeconds(60));
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }
        var input = new JsonObject
        {
            ["chromium"] = Chromium.Path,
            ["urls"] = new JsonArray([.. paths.Select(path => (JsonNode)new Uri(_server.App.BaseAddress, path).ToString())]),
        };
        using var report = await NodeTool.RunAsync("audit-pages.mjs", input.ToJsonString());

        foreach (var page in report.RootElement.GetProperty("pages").EnumerateArray())
        {
            var url = page.GetProperty("url").GetString();
            var scores = page.GetProperty("scores");
            TestContext.Current.TestOutputHelper?.WriteLine($"{url}: {scores}");
            var failed = $"{url}: {scores}; audits below full marks: {page.GetProperty("failedAudits")}";
            Assert.True(scores.GetProperty("performance").GetDouble() >= 0.98, failed);
            Assert.True(scores.GetProperty("accessibility").GetDouble() == 1, failed);
            Assert.True(scores.GetProperty("best-practices").GetDouble() == 1, failed);
            Assert.True(scores.GetProperty("seo").GetDouble() == 1, failed);
            Assert.True(page.GetProperty("axe").GetArrayLength() == 0, $"{url}: axe-core violations: {page.GetProperty("axe")}");
            Assert.True(page.GetProperty("overflow").GetArrayLength() == 0, $"{url}: wider than the window: {page.GetProperty("overflow")}");
            Assert.True(page.GetProperty("violations").GetArrayLength() == 0, $"{url}: blocked by its CSP: {page.GetProperty("violations")}");
        }
    }
}
