using System.Text.Json;
using Serverless.Core.Http;
using Serverless.Core.Ingest;
using Serverless.Core.Storage;
using Serverless.Functions.Http;
using Serverless.Functions.Triggers;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>Upload → blob-trigger function → page, API and share snippet through the HTTP functions, all on Azurite.</summary>
public sealed class PublishArticleFunctionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private PageFunctions Pages => new(_site.Get<PageHandlers>());
    private ApiFunctions Api => new(_site.Get<ApiHandlers>());

    private Task<PublishResult> UploadAndTriggerAsync(string blobName, string content) => _site.PublishAsync(blobName, content);

    private async Task<HttpResponseSnapshot> GetPageAsync(string slug, params (string, string)[] headers)
    {
        var context = _site.NewHttpContext("/articles/" + slug, headers);
        return await HttpResponseSnapshot.ExecuteAsync(await Pages.GetArticlePage(context.Request, slug, Cancellation), context);
    }

    [Fact]
    public async Task Sample_article_is_served_as_a_complete_page_with_social_tags()
    {
        var result = await UploadAndTriggerAsync(Samples.SonyBlobName, Samples.Read(Samples.SonyBlobName));

        Assert.Equal(PublishStatus.Published, result.Status);
        Assert.Equal(Samples.SonySlug, result.Slug);
        var page = await GetPageAsync(Samples.SonySlug);
        Assert.Equal(200, page.StatusCode);
        Assert.StartsWith("text/html", page.Headers.ContentType.ToString());
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"fr\">", page.Body);
        // The title readers see takes French spacing; the meta tags keep it as written.
        Assert.Contains("<title>Sony Pictures\u00A0: Anonymous et BitTorrent prêts à diffuser The Interview\u202F? · Serverless News</title>",
            System.Net.WebUtility.HtmlDecode(page.Body));
        Assert.Contains($"<link rel=\"canonical\" href=\"{TestSite.PublicBaseUrl}/articles/{Samples.SonySlug}\">", page.Body);
        Assert.Contains($"<meta property=\"og:url\" content=\"{TestSite.PublicBaseUrl}/articles/{Samples.SonySlug}\">", page.Body);
        Assert.Contains("<meta property=\"og:type\" content=\"article\">", page.Body);
        Assert.Contains("<meta property=\"og:locale\" content=\"fr_FR\">", page.Body);
        Assert.Contains("<meta name=\"twitter:card\" content=\"summary_large_image\">", page.Body);
        Assert.Contains("<meta name=\"twitter:site\" content=\"@serverlessnews\">", page.Body);
        Assert.Contains("\"@type\":\"NewsArticle\"", page.Body);
        Assert.Contains("<h2>BitTorrent et Anonymous prêts à diffuser le film</h2>", page.Body);
        Assert.Contains("<li>Piratage de Sony Pictures : les hackers cherchaient à détruire</li>", page.Body);
        Assert.DoesNotContain("href=\"#\"", page.Body);
    }

    [Fact]
    public async Task Article_metadata_api_returns_metadata_and_links()
    {
        await UploadAndTriggerAsync(Samples.SonyBlobName, Samples.Read(Samples.SonyBlobName));
        var context = _site.NewHttpContext("/api/articles/" + Samples.SonySlug);

        var response = await HttpResponseSnapshot.ExecuteAsync(await Api.GetArticle(context.Request, Samples.SonySlug, Cancellation), context);

        Assert.Equal(200, response.StatusCode);
        using var json = JsonDocument.Parse(response.Body);
        var root = json.RootElement;
        Assert.Equal("fr", root.GetProperty("language").GetString());
        var links = root.GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(["Sony Pictures : l'Empire contre-attaque... avec du DDoS", "Piratage de Sony Pictures : les hackers cherchaient à détruire",
            "officiellement accusée par Washington", "UPprox movies", "Hackers 2600"], links.Select(link => link.GetProperty("title").GetString()));
        Assert.All(links, link => Assert.Equal(("explicit", false), (link.GetProperty("kind").GetString(), link.GetProperty("resolved").GetBoolean())));
        Assert.All(links, link => Assert.False(link.TryGetProperty("url", out _)));
        Assert.Empty(root.GetProperty("backlinks").EnumerateArray());
    }

    [Fact]
    public async Task Share_snippet_has_absolute_url_tweet_within_280_and_share_links()
    {
        await UploadAndTriggerAsync(Samples.SonyBlobName, Samples.Read(Samples.SonyBlobName));
        var context = _site.NewHttpContext("/api/share/" + Samples.SonySlug);

        var response = await HttpResponseSnapshot.ExecuteAsync(await Api.GetShareSnippet(context.Request, Samples.SonySlug, Cancellation), context);

        Assert.Equal(200, response.StatusCode);
        using var json = JsonDocument.Parse(response.Body);
        var root = json.RootElement;
        var url = $"{TestSite.PublicBaseUrl}/articles/{Samples.SonySlug}";
        Assert.Equal(url, root.GetProperty("url").GetString());
        var tweet = root.GetProperty("tweet").GetString()!;
        Assert.EndsWith(" " + url, tweet);
        Assert.InRange(Serverless.Core.Rendering.TweetText.WeightedLength(tweet, [url]), 1, 280);
        var links = root.GetProperty("links");
        Assert.StartsWith("https://twitter.com/intent/tweet?text=", links.GetProperty("x").GetString());
        Assert.Equal($"https://www.facebook.com/sharer/sharer.php?u={Uri.EscapeDataString(url)}", links.GetProperty("facebook").GetString());
        Assert.Equal($"https://www.linkedin.com/sharing/share-offsite/?url={Uri.EscapeDataString(url)}", links.GetProperty("linkedin").GetString());
        Assert.StartsWith("https://bsky.app/intent/compose?text=", links.GetProperty("bluesky").GetString());
        Assert.StartsWith("mailto:?subject=", links.GetProperty("email").GetString());
        Assert.Contains($"<meta property=\"og:url\" content=\"{url}\">", root.GetProperty("html").GetString());
    }

    [Fact]
    public async Task Same_content_processed_twice_writes_nothing_the_second_time()
    {
        var blob = await _site.UploadAsync("again.md", Samples.FrontMatterArticle("Delivered twice"));
        Assert.Equal(PublishStatus.Published, (await _site.TriggerIngestAsync(blob)).Status);
        await _site.DrainRenderQueueAsync();
        _site.Requests.Reset();

        var second = await _site.TriggerIngestAsync(blob);

        Assert.Equal(PublishStatus.Unchanged, second.Status);
        Assert.Equal(0, _site.Requests.Writes);
        Assert.Equal(2, _site.Requests.Reads); // the source record and the blob itself
    }

    [Fact]
    public async Task Invalid_upload_fails_with_a_message_and_the_previous_version_stays_served()
    {
        await UploadAndTriggerAsync("story.md", Samples.FrontMatterArticle("A story worth keeping", extra: "slug: a-story"));
        var before = await GetPageAsync("a-story");

        var failed = await UploadAndTriggerAsync("story.md", "---\ntitle: [unclosed\n---\nBody.");

        Assert.Equal(PublishStatus.Failed, failed.Status);
        Assert.Contains("front matter is not valid YAML", failed.Message);
        var after = await GetPageAsync("a-story");
        Assert.Equal(200, after.StatusCode);
        Assert.Equal(before.Body, after.Body);
        Assert.Equal(before.Headers.ETag, after.Headers.ETag);
        var (_, status) = await _site.GetAdminStatusAsync("story.md");
        Assert.Equal("Failed", status.GetProperty("state").GetString());
        Assert.Contains("not valid YAML", status.GetProperty("message").GetString());
        Assert.True(status.GetProperty("previousVersionServed").GetBoolean());
    }

    [Fact]
    public async Task Matching_if_none_match_gets_304_without_the_page()
    {
        await UploadAndTriggerAsync("etag.md", Samples.FrontMatterArticle("Cached by the browser", extra: "slug: cached"));
        var first = await GetPageAsync("cached");
        var etag = first.Headers.ETag.ToString();
        Assert.False(string.IsNullOrEmpty(etag));

        var second = await GetPageAsync("cached", ("If-None-Match", etag));

        Assert.Equal(304, second.StatusCode);
        Assert.Equal(string.Empty, second.Body);
        Assert.Equal(etag, second.Headers.ETag.ToString());
    }

    [Fact]
    public async Task Warm_page_view_makes_no_storage_request()
    {
        await UploadAndTriggerAsync("warm.md", Samples.FrontMatterArticle("Shared widely", extra: "slug: shared-widely"));
        var cold = await GetPageAsync("shared-widely");
        _site.Requests.Reset();

        var warm = await GetPageAsync("shared-widely");

        Assert.Equal((200, cold.Body), (warm.StatusCode, warm.Body));
        Assert.Equal((0, 0), (_site.Requests.Reads, _site.Requests.Writes));
    }

    [Fact]
    public async Task Page_view_reads_one_record_and_one_blob()
    {
        await UploadAndTriggerAsync("reads.md", Samples.FrontMatterArticle("Counted reads", extra: "slug: counted"));
        _site.Requests.Reset();

        var page = await GetPageAsync("counted");

        Assert.Equal(200, page.StatusCode);
        Assert.Equal((2, 0), (_site.Requests.Reads, _site.Requests.Writes));
    }

    [Fact]
    public async Task Unknown_slug_gets_an_html_404_page()
    {
        var page = await GetPageAsync("no-such-article");

        Assert.Equal(404, page.StatusCode);
        Assert.StartsWith("text/html", page.Headers.ContentType.ToString());
        Assert.Contains("<!DOCTYPE html>", page.Body);
    }

    [Fact]
    public async Task Unknown_slug_gets_problem_json_from_the_api()
    {
        var context = _site.NewHttpContext("/api/articles/no-such-article");

        var response = await HttpResponseSnapshot.ExecuteAsync(await Api.GetArticle(context.Request, "no-such-article", Cancellation), context);

        Assert.Equal(404, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Headers.ContentType.ToString());
        using var json = JsonDocument.Parse(response.Body);
        Assert.Equal(404, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("no-such-article", json.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Problem_answer_does_not_echo_a_malformed_slug()
    {
        const string hostile = "<script>alert(1)</script>";
        var context = _site.NewHttpContext("/api/articles/x");

        var response = await HttpResponseSnapshot.ExecuteAsync(await Api.GetArticle(context.Request, hostile, Cancellation), context);

        Assert.Equal(404, response.StatusCode);
        Assert.DoesNotContain("script", response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("slugs are lower-case letters, digits and hyphens", response.Body);
    }

    [Fact]
    public async Task Files_that_are_not_articles_are_recorded_as_ignored()
    {
        var result = await UploadAndTriggerAsync("docs/brief.pdf", "not an article");

        Assert.Equal(PublishStatus.Ignored, result.Status);
        var source = await _site.Get<ArticleRepository>().GetSourceAsync("docs/brief.pdf", Cancellation);
        Assert.Equal(nameof(SourceStatus.Ignored), source?.Status);
        Assert.Contains("articles (.md, .markdown, .txt) and images (.jpg, .jpeg, .png, .webp, .gif)", source?.Message);
    }

    [Fact]
    public async Task Blob_names_with_folders_spaces_and_accents_publish()
    {
        var result = await UploadAndTriggerAsync("2024/décembre/Mon article été.md", "# Un été à Paris\n\nLe soleil brille sur la ville et les terrasses sont pleines de monde.");

        Assert.Equal(PublishStatus.Published, result.Status);
        Assert.Equal("un-ete-a-paris", result.Slug);
        Assert.Equal(200, (await GetPageAsync("un-ete-a-paris")).StatusCode);
    }
}
