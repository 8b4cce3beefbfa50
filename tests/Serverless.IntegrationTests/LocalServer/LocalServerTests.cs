using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>The local server over real HTTP: the main job a new developer runs.</summary>
public sealed class LocalServerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningLocalServer _server = null!;
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await RunningLocalServer.StartAsync(azurite.ConnectionString);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private Task UploadAsync(string blobName, string content) => _server.UploadAsync(blobName, content);

    [Fact]
    public async Task Sample_article_is_published_on_start_and_served_at_its_slug()
    {
        using var response = await _server.WaitForAsync("/articles/" + Samples.SonySlug, HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains("<meta property=\"og:title\" content=\"Sony Pictures : Anonymous et BitTorrent prêts à diffuser The Interview ?\">", html);
        Assert.Contains($"<meta property=\"og:url\" content=\"{TestSite.PublicBaseUrl}/articles/{Samples.SonySlug}\">", html);
        Assert.Contains("<meta name=\"twitter:card\"", html);
        Assert.NotNull(response.Headers.ETag);
        Assert.NotNull(response.Headers.CacheControl);
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Sample_share_card_is_served_as_a_png()
    {
        using var response = await _server.WaitForAsync($"/og/{Samples.SonySlug}.png", HttpStatusCode.OK);

        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await response.Content.ReadAsByteArrayAsync(Cancellation))[..4]);
    }

    [Fact]
    public async Task Sample_preview_over_http_names_a_1200_by_630_image_that_decodes()
    {
        using var page = await _server.WaitForAsync("/articles/" + Samples.SonySlug, HttpStatusCode.OK);
        var check = await PageCheck.RunAsync(await page.Content.ReadAsStringAsync(Cancellation));
        var image = new Uri(check.Social.GetProperty("ogImage")[0].GetProperty("url").GetString()!);

        // The site's public address is not this test server's: fetch the image's path from the server itself.
        using var png = await _server.Http.GetAsync(image.PathAndQuery, Cancellation);
        using var bitmap = SkiaSharp.SKBitmap.Decode(await png.Content.ReadAsByteArrayAsync(Cancellation));

        Assert.True(check.Valid, string.Join("\n", check.Messages));
        Assert.Equal("fr_FR", check.Tag("ogLocale"));
        Assert.Equal("public, max-age=31536000, immutable", png.Headers.CacheControl?.ToString());
        Assert.Equal((1200, 630), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task Sample_links_to_the_sample_articles_it_names_by_title()
    {
        // The samples are ingested in any order, and a link binds when its target arrives: wait for each in turn.
        const string Piracy = "<a href=\"/articles/piratage-de-sony-pictures-les-hackers-cherchaient-a-detruire\">";
        const string Ddos = "<a href=\"/articles/sony-pictures-l-empire-contre-attaque-avec-du-ddos\">";
        await _server.WaitForTextAsync("/articles/" + Samples.SonySlug, Piracy);
        var page = await _server.WaitForTextAsync("/articles/" + Samples.SonySlug, Ddos);

        Assert.Contains(Ddos, page, StringComparison.Ordinal);
        Assert.Contains(Piracy, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Target_uploaded_after_the_citing_article_becomes_a_link_on_its_page()
    {
        await UploadAsync("citing.md", Samples.FrontMatterArticle("Citing early", extra: "slug: citing-early", body: "It follows [the late story](#)."));
        Assert.Contains("<p>It follows the late story.</p>", await _server.WaitForTextAsync("/articles/citing-early", "<p>It follows"), StringComparison.Ordinal);

        await UploadAsync("late.md", Samples.FrontMatterArticle("The late story", extra: "slug: late-story"));

        Assert.Contains("It follows <a href=\"/articles/late-story\">the late story</a>.",
            await _server.WaitForTextAsync("/articles/citing-early", "<a href=\"/articles/late-story\">"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_upload_is_served_without_any_other_step()
    {
        await UploadAsync("fresh.md", Samples.FrontMatterArticle("Fresh off the press", extra: "slug: fresh"));

        using var response = await _server.WaitForAsync("/articles/fresh", HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Fresh off the press</h1>", await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task Feeds_sitemaps_tag_pages_and_robots_are_served_over_http()
    {
        // The sample "welcome-to-serverless" (December 2024, tagged markdown) is published on start.
        (string Path, string MediaType)[] routes =
        [
            ("/feed.xml", "application/rss+xml"), ("/atom.xml", "application/atom+xml"), ("/sitemap.xml", "application/xml"),
            ("/sitemaps/2024-12.xml", "application/xml"), ("/tags/markdown", "text/html"), ("/tags/markdown/feed.xml", "application/rss+xml"),
            ("/robots.txt", "text/plain"),
        ];
        foreach (var (path, mediaType) in routes)
        {
            using var response = await _server.WaitForAsync(path, HttpStatusCode.OK);

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            using var head = await _server.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path), Cancellation);
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        }
    }

    [Fact]
    public async Task Matching_etag_gets_304_over_http()
    {
        using var first = await _server.WaitForAsync("/articles/" + Samples.SonySlug, HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/articles/" + Samples.SonySlug);
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var second = await _server.Http.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task Api_and_share_snippet_answer_json_over_http()
    {
        using var page = await _server.WaitForAsync("/articles/" + Samples.SonySlug, HttpStatusCode.OK);

        using var metadata = JsonDocument.Parse(await _server.Http.GetStringAsync("/api/articles/" + Samples.SonySlug, Cancellation));
        using var share = JsonDocument.Parse(await _server.Http.GetStringAsync("/api/share/" + Samples.SonySlug, Cancellation));
        using var list = JsonDocument.Parse(await _server.Http.GetStringAsync("/api/articles", Cancellation));

        Assert.Equal(2, metadata.RootElement.GetProperty("links").EnumerateArray()
            .Count(link => link.GetProperty("kind").GetString() == "explicit" && link.GetProperty("placement").GetString() == "readAlso"));
        Assert.Equal($"{TestSite.PublicBaseUrl}/articles/{Samples.SonySlug}", share.RootElement.GetProperty("url").GetString());
        Assert.Contains(list.RootElement.GetProperty("items").EnumerateArray(), item => item.GetProperty("slug").GetString() == Samples.SonySlug);
    }

    [Fact]
    public async Task Unknown_routes_get_404_html_and_problem_json()
    {
        using var page = await _server.Http.GetAsync("/articles/nothing-here", Cancellation);
        using var api = await _server.Http.GetAsync("/api/articles/nothing-here", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/articles")]
    [InlineData("/api/articles/nothing-here")]
    [InlineData("/api/no/such/route")]
    [InlineData("/no/such/path")]
    [InlineData("/robots.txt")]
    [InlineData("/logo.png")]
    public async Task Every_answer_carries_nosniff_a_referrer_policy_and_a_content_security_policy(string path)
    {
        using var response = await _server.Http.GetAsync(path, Cancellation);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.StartsWith("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/articles")]
    [InlineData("/no/such/path")]
    public async Task No_answer_names_the_server_software(string path)
    {
        using var response = await _server.Http.GetAsync(path, Cancellation);

        Assert.False(response.Headers.Contains("Server"), string.Join(", ", response.Headers.Select(header => header.Key)));
    }

    [Fact]
    public async Task Unmatched_paths_get_the_site_404_page_or_a_problem_answer_under_api()
    {
        using var page = await _server.Http.GetAsync("/no/such/path", Cancellation);
        using var api = await _server.Http.GetAsync("/api/no/such/route", Cancellation);

        Assert.Equal((HttpStatusCode.NotFound, "text/html"), (page.StatusCode, page.Content.Headers.ContentType?.MediaType));
        Assert.Contains("Page not found", await page.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal((HttpStatusCode.NotFound, "application/problem+json"), (api.StatusCode, api.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task Broken_reupload_keeps_the_published_page_and_reports_failed()
    {
        await UploadAsync("kept.md", Samples.FrontMatterArticle("Kept safe", extra: "slug: kept"));
        using var before = await _server.WaitForAsync("/articles/kept", HttpStatusCode.OK);
        var beforeHtml = await before.Content.ReadAsStringAsync(Cancellation);

        await UploadAsync("kept.md", "---\ndate: not-a-date\n---\n# Kept safe\n\nBroken.");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string status;
        do
        {
            await Task.Delay(200, Cancellation);
            using var answer = await _server.SendAdminAsync(HttpMethod.Get, "/api/admin/status?blob=kept.md");
            using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Cancellation));
            status = json.RootElement.GetProperty("state").GetString()!;
        }
        while (status != "Failed" && DateTime.UtcNow < deadline);

        Assert.Equal("Failed", status);
        Assert.Equal(beforeHtml, await _server.Http.GetStringAsync("/articles/kept", Cancellation));
        using var response = await _server.SendAdminAsync(HttpMethod.Get, "/api/admin/sources");
        using var sources = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        var source = sources.RootElement.GetProperty("items").EnumerateArray().Single(entry => entry.GetProperty("blobName").GetString() == "kept.md");
        Assert.Equal("Failed", source.GetProperty("state").GetString());
        Assert.Contains("Front matter 'date' is not a date: 'not-a-date'", source.GetProperty("message").GetString());
    }
}

/// <summary>The watched folder: saving a file is enough to publish it.</summary>
public sealed class WatchedFolderTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("watched-").FullName;
    private RunningLocalServer _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await RunningLocalServer.StartAsync(azurite.ConnectionString, settings => settings with { WatchDirectory = _folder, SamplesDirectory = null });

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Saved_file_is_uploaded_and_published_and_its_deletion_unpublishes()
    {
        var file = Path.Combine(_folder, "notes", "watched.md");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, Samples.FrontMatterArticle("Watched folder", extra: "slug: watched"), TestContext.Current.CancellationToken);

        using var published = await _server.WaitForAsync("/articles/watched", HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.True(await _server.Articles.GetBlobClient("notes/watched.md").ExistsAsync(TestContext.Current.CancellationToken));

        File.Delete(file);
        using var gone = await _server.WaitForAsync("/articles/watched", HttpStatusCode.Gone);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
    }

    [Fact]
    public async Task File_deleted_while_the_server_was_stopped_is_unpublished_on_start_and_other_blobs_stay()
    {
        var staying = Path.Combine(_folder, "staying.md");
        var leaving = Path.Combine(_folder, "leaving.md");
        await File.WriteAllTextAsync(staying, Samples.FrontMatterArticle("Watched and kept", extra: "slug: watched-and-kept"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(leaving, Samples.FrontMatterArticle("Watched and deleted", extra: "slug: watched-and-deleted"), TestContext.Current.CancellationToken);
        await _server.UploadAsync("leaving-too.md", Samples.FrontMatterArticle("Uploaded by another client"));
        using (var published = await _server.WaitForAsync("/articles/watched-and-deleted", HttpStatusCode.OK))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }
        var storage = _server.Settings;
        await _server.DisposeAsync();

        File.Delete(leaving);
        _server = await RunningLocalServer.StartAsync(azurite.ConnectionString,
            settings => settings with { WatchDirectory = _folder, SamplesDirectory = null, Configuration = storage });

        using var gone = await _server.WaitForAsync("/articles/watched-and-deleted", HttpStatusCode.Gone);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.True(await _server.Articles.GetBlobClient("staying.md").ExistsAsync(TestContext.Current.CancellationToken));
        Assert.True(await _server.Articles.GetBlobClient("leaving-too.md").ExistsAsync(TestContext.Current.CancellationToken));
    }
}

/// <summary>With no storage configured, the local server starts and stops an Azurite of its own.</summary>
public sealed class LocalServerOwnAzuriteTests
{
    [Fact]
    public async Task Server_without_storage_settings_runs_its_own_azurite_and_serves_the_sample()
    {
        await using (var server = await RunningLocalServer.StartAsync(connectionString: null))
        {
            using var response = await server.WaitForAsync("/articles/" + Samples.SonySlug, HttpStatusCode.OK);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Site_kept_in_a_data_folder_survives_a_restart()
    {
        var data = Directory.CreateTempSubdirectory("azurite-data-").FullName;
        IReadOnlyDictionary<string, string?> storageNames;
        try
        {
            await using (var first = await RunningLocalServer.StartAsync(null, settings => settings with { DataDirectory = data, SamplesDirectory = null }))
            {
                await first.UploadAsync("kept.md", Samples.FrontMatterArticle("Kept across restarts", extra: "slug: kept-across-restarts"));
                using var published = await first.WaitForAsync("/articles/kept-across-restarts", HttpStatusCode.OK);
                Assert.Equal(HttpStatusCode.OK, published.StatusCode);
                storageNames = first.Settings;
            }

            await using var second = await RunningLocalServer.StartAsync(null,
                settings => settings with { DataDirectory = data, SamplesDirectory = null, Configuration = storageNames });
            using var afterRestart = await second.Http.GetAsync("/articles/kept-across-restarts", TestContext.Current.CancellationToken);

            Assert.Equal(HttpStatusCode.OK, afterRestart.StatusCode);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
