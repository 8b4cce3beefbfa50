using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Rendering;
using Serverless.Core.Tests.Security;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>
/// Hostile articles published through the local server and loaded over HTTP in headless Chromium: no dialog opens, no
/// injected code runs, the DOM holds no handler or script URL, and the Content-Security-Policy comes with every page.
/// Each page is loaded again without its CSP, to show the markup itself is inert and the policy only a second wall.
/// Every reader page type is loaded: articles, the home page, the hostile author's and tag's pages, the month's
/// archive and the archives, a 404 and a 410, the search page (a hostile query, results with hostile titles, tags and
/// authors, hostile filters), and the author pages behind the admin key (dashboard, page preview, share preview).
/// </summary>
public sealed class BrowserInjectionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Payload = "window.xssRan=true;alert(document.domain)";

    private RunningLocalServer _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await RunningLocalServer.StartAsync(azurite.ConnectionString, settings => settings with { SamplesDirectory = null });

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static readonly string[] HostileUrls =
    [
        $"javascript:{Payload}", $"JaVaScRiPt:{Payload}", $"&#106;avascript:{Payload}", $"&#x6A;avascript:{Payload}",
        $"java&#x09;script:{Payload}", $"java&Tab;script:{Payload}", $"javascript&colon;{Payload}", $"<java\tscript:{Payload}>",
        $"<  javascript:{Payload}>", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "data:image/svg+xml,<svg/onload=alert(1)>",
    ];

    private static string RawHtmlArticle => $"""
        ---
        title: Raw HTML
        slug: hostile-html
        ---
        <script>{Payload}</script>

        Inline <img src=x onerror="{Payload}"> and <svg onload="{Payload}"></svg> and <input autofocus onfocus="{Payload}">.

        <details open ontoggle="{Payload}"><summary>x</summary></details>

        <iframe srcdoc="<script>parent.xssRan=true;parent.alert(1)</script>"></iframe>

        <body onload="{Payload}"><a href="javascript:{Payload}">raw link</a>

        <base href="javascript:alert(1)//"><meta http-equiv="refresh" content="0;url=javascript:alert(1)">

        <a data-link="0">forged marker</a> [attributes](https://example.com){"{"}onclick=alert(1){"}"}
        """;

    private static string LinksArticle => "---\ntitle: Hostile links\nslug: hostile-links\n---\n"
        + string.Concat(HostileUrls.Select((url, index) =>
            $"Link [link {index}]({url}), image ![image {index}]({url}), reference [ref {index}][r{index}].\n\n[r{index}]: {url}\n\n"))
        + $"Autolinks <javascript:{Payload}> <JAVASCRIPT:{Payload}> <vbscript:msgbox(1)> <data:text/html,x>.\n";

    private static string HostileAuthor => $"'><img src=x onerror=\"{Payload}\">";

    private static string HostileTag => $"</style><script>{Payload}</script>";

    private static string MetaArticle => $"""
        ---
        title: {ArticleGenerators.YamlQuoted($"\"><script>{Payload}</script></title><svg onload={Payload}>")}
        slug: hostile-meta
        description: {ArticleGenerators.YamlQuoted($"</script><script>{Payload}</script><!--")}
        authors: [{ArticleGenerators.YamlQuoted(HostileAuthor)}, {ArticleGenerators.YamlQuoted("<b>Second</b> & \"author\"")}]
        section: {ArticleGenerators.YamlQuoted("\" onmouseover=\"alert(1)\" x=\"")}
        tags: [{ArticleGenerators.YamlQuoted(HostileTag)}, {ArticleGenerators.YamlQuoted("a\u2028b")}]
        image: "javascript:alert(1)"
        image_alt: {ArticleGenerators.YamlQuoted($"\"><img src=x onerror=\"{Payload}\">")}
        ---
        Body text, with an image ![" onerror="{Payload}](https://cdn.example.com/a.png).

        Read also:

        - [Hostile links](javascript:{Payload})
        - [Raw HTML](hostile-html)
        """;

    [Fact]
    public async Task Hostile_pages_run_nothing_in_chromium_and_carry_the_content_security_policy()
    {
        Chromium.Require();
        await _server.UploadAsync("hostile-html.md", RawHtmlArticle);
        await _server.UploadAsync("hostile-links.md", LinksArticle);
        await _server.UploadAsync("hostile-meta.md", MetaArticle);
        await _server.UploadAsync("withdrawn.md", "---\ntitle: Withdrawn\nslug: withdrawn\n---\nSoon gone.\n");
        var month = DateTimeOffset.UtcNow;
        string[] paths =
        [
            "/articles/hostile-html", "/articles/hostile-links", "/articles/hostile-meta",
            SiteUrls.AuthorPath(Serverless.Core.Parsing.Slugs.From(HostileAuthor)), Serverless.Core.Site.TagFiles.TagPath(Serverless.Core.Parsing.Slugs.From(HostileTag)),
        ];
        foreach (var path in paths.Append("/articles/withdrawn"))
        {
            using var published = await _server.WaitForAsync(path, HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }
        await _server.Articles.DeleteBlobAsync("withdrawn.md", cancellationToken: TestContext.Current.CancellationToken);
        using (var gone = await _server.WaitForAsync("/articles/withdrawn", HttpStatusCode.Gone))
        {
            Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        }
        await _server.WaitForTextAsync("/", "hostile-meta");
        await _server.WaitForTextAsync("/search?q=body", "hostile-meta");
        paths = [.. paths, SiteUrls.ArchivePath(month.Year, month.Month), "/archives"];
        string[] searchPaths =
        [
            "/search?q=" + Uri.EscapeDataString($"\"><script>{Payload}</script>"), "/search?q=body",
            $"/search?q=body&tag={Uri.EscapeDataString(HostileTag)}&author={Uri.EscapeDataString(HostileAuthor)}",
        ];
        var key = "code=" + Uri.EscapeDataString(_server.AdminKey);
        string[] adminPaths = [$"/admin/?{key}", $"/admin/preview?blob=hostile-meta.md&{key}", $"/admin/share-preview?blob=hostile-meta.md&{key}"];

        var input = new JsonObject
        {
            ["chromium"] = Chromium.Path,
            ["urls"] = new JsonArray([.. paths.Append("/").Append("/articles/no-such-article").Append("/articles/withdrawn").Concat(searchPaths).Concat(adminPaths)
                .Select(path => (JsonNode)new Uri(_server.App.BaseAddress, path).ToString())]),
        };
        var authorPagesPolicy = _server.App.Services.GetRequiredService<Serverless.Core.AuthorPages.AuthorLayout>().ContentSecurityPolicy;
        using var report = await NodeTool.RunAsync("browse-pages.mjs", input.ToJsonString());

        var canary = report.RootElement.GetProperty("canary");
        Assert.True(canary.GetProperty("xssRan").GetBoolean() && canary.GetProperty("dialogs").GetArrayLength() == 1,
            $"The canary page's script must run and open a dialog, or the checks below prove nothing: {canary}");
        var pages = report.RootElement.GetProperty("pages").EnumerateArray().ToList();
        Assert.Equal(32, pages.Count);
        Assert.All(pages, page =>
        {
            var where = $"{page.GetProperty("url").GetString()} (CSP {(page.GetProperty("stripCsp").GetBoolean() ? "removed" : "as served")})";
            Assert.True(page.GetProperty("dialogs").GetArrayLength() == 0, $"{where}: a dialog opened: {page.GetProperty("dialogs")}");
            Assert.False(page.GetProperty("xssRan").GetBoolean(), $"{where}: injected code ran.");
            Assert.True(page.GetProperty("handlers").GetArrayLength() == 0, $"{where}: event handlers in the DOM: {page.GetProperty("handlers")}");
            Assert.True(page.GetProperty("dangerousUrls").GetArrayLength() == 0, $"{where}: script URLs in the DOM: {page.GetProperty("dangerousUrls")}");
            Assert.True(page.GetProperty("scripts").GetArrayLength() == 0, $"{where}: executable scripts in the DOM: {page.GetProperty("scripts")}");
            Assert.True(page.GetProperty("activeElements").GetArrayLength() == 0, $"{where}: frames, bases or forms in the DOM: {page.GetProperty("activeElements")}");
            Assert.True(page.GetProperty("violations").GetArrayLength() == 0, $"{where}: the page tried something its CSP blocked: {page.GetProperty("violations")}");
            // Served with the policy; in the second load the route removed it (so the markup alone was tested).
            // The page preview is the article page as readers will get it, under their policy; the other author pages have their own.
            var url = page.GetProperty("url").GetString()!;
            var policy = url.Contains("/admin/", StringComparison.Ordinal) && !url.Contains("/admin/preview", StringComparison.Ordinal) ? authorPagesPolicy : SiteLayout.ContentSecurityPolicy;
            Assert.Equal(page.GetProperty("stripCsp").GetBoolean() ? null : policy, page.GetProperty("csp").GetString());
        });
        Assert.Equal([200, 200, 200, 200, 200, 200, 200, 200, 404, 410, 200, 200, 200, 200, 200, 200],
            pages.Where((_, index) => index % 2 == 0).Select(page => page.GetProperty("status").GetInt32()));
    }
}
