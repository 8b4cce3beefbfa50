using System.Text.Json;
using Azure.Data.Tables;
using Serverless.Core.Admin;
using Serverless.Core.Render;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// The admin listings come in pages of bounded size and cost: <c>?top=</c> items at most, a token to continue with,
/// and a bounded number of storage requests per page, whatever the number of sources.
/// </summary>
public sealed class AdminPagingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    /// <summary>A page's answer through the admin function, and the storage requests it cost.</summary>
    private sealed record Answer(int Status, JsonElement Json, int Requests);

    private async Task<Answer> GetAsync(string pathAndQuery)
    {
        var context = _site.NewHttpContext(pathAndQuery);
        _site.Requests.Reset();
        var result = pathAndQuery.StartsWith("/api/admin/sources", StringComparison.Ordinal)
            ? await _site.Admin.ListSources(context.Request, Cancellation)
            : await _site.Admin.ListFailures(context.Request, Cancellation);
        var requests = _site.Requests.Total;
        var response = await HttpResponseSnapshot.ExecuteAsync(result, context);
        using var json = JsonDocument.Parse(response.Body);
        return new Answer(response.StatusCode, json.RootElement.Clone(), requests);
    }

    /// <summary>Every page of a listing, following the tokens from the first.</summary>
    private async Task<List<Answer>> PagesAsync(string route, int top)
    {
        var pages = new List<Answer>();
        string? token = null;
        do
        {
            var page = await GetAsync($"{route}?top={top}{(token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token))}");
            Assert.Equal(200, page.Status);
            pages.Add(page);
            token = page.Json.TryGetProperty("continuationToken", out var next) ? next.GetString() : null;
        }
        while (token is not null);
        return pages;
    }

    private static IEnumerable<JsonElement> Items(IEnumerable<Answer> pages) => pages.SelectMany(page => page.Json.GetProperty("items").EnumerateArray());

    [Fact]
    public async Task Sources_come_in_pages_of_top_each_one_query_and_a_read_per_article_to_the_last()
    {
        await SourceSeeder.SeedAsync(_site.Get<IServiceProvider>(), 250, withBlobs: false);

        var pages = await PagesAsync("/api/admin/sources", top: 100);

        Assert.Equal([100, 100, 50], pages.Select(page => page.Json.GetProperty("items").GetArrayLength()));
        Assert.Equal(Enumerable.Range(0, 250).Select(SourceSeeder.BlobName).Order(), Items(pages).Select(item => item.GetProperty("blobName").GetString()!).Order());
        // Each seeded source names an article (none exists): one query, then one point read per source of the page.
        Assert.Equal([101, 101, 51], pages.Select(page => page.Requests));
    }

    [Fact]
    public async Task Failures_come_in_pages_of_top_and_a_failed_source_costs_no_read_beyond_the_query()
    {
        var services = _site.Get<IServiceProvider>();
        await SourceSeeder.SeedAsync(services, 250, SourceStatus.Failed, withBlobs: false);
        await _site.PublishAsync("good.md", Samples.FrontMatterArticle("A good one"));

        var pages = await PagesAsync("/api/admin/failures", top: 100);

        Assert.Equal([100, 100, 50], pages.Select(page => page.Json.GetProperty("items").GetArrayLength()));
        var failures = Items(pages).ToList();
        Assert.All(failures, failure => Assert.Equal("Source", failure.GetProperty("kind").GetString()));
        Assert.Equal(250, failures.Select(failure => failure.GetProperty("blobName").GetString()).Distinct().Count());
        Assert.Contains(failures, failure => failure.GetProperty("reason").GetString() == "Seeded failure 7.");
        // Full pages of failed sources are one query each; the last reads each other place once: two queries, six peeks
        // (the render, blob-trigger, site-file, release, job and delivery poison queues), two point reads (the
        // reconciliation's state, the uploaded theme sheet's).
        Assert.Equal([1, 1, 10], pages.Select(page => page.Requests));
    }

    [Fact]
    public async Task Failures_list_kind_after_kind_and_a_token_resumes_inside_a_kind()
    {
        var storage = _site.Get<StorageClients>();
        await SourceSeeder.SeedAsync(_site.Get<IServiceProvider>(), 3, SourceStatus.Failed, withBlobs: false);
        foreach (var file in new[] { "feeds", "sitemap-index" })
        {
            await storage.SitePoisonQueue.SendMessageAsync($"{{\"file\":\"{file}\",\"requestedAt\":\"2025-01-01T00:00:00Z\"}}", Cancellation);
        }
        await storage.ReleasePoisonQueue.SendMessageAsync("{\"blobName\":\"later.md\",\"at\":\"2030-01-01T00:00:00Z\"}", Cancellation);
        await storage.JobPoisonQueue.SendMessageAsync($"{{\"job\":\"{JobMessage.NewJobId(DateTimeOffset.UtcNow)}\",\"page\":3}}", Cancellation);
        await _site.Get<ArticleRepository>().SaveReconcileStateAsync(
            new ReconcileStateEntity { UnlistableAfter = "2024/a.md", UnlistableReason = "500 InternalError", UnlistableAt = DateTimeOffset.UtcNow }, Cancellation);
        await storage.SourcesTable.UpsertEntityAsync(new ThemeStateEntity { UploadETag = "\"0x1\"", Problem = "Too large.", CheckedAt = DateTimeOffset.UtcNow }, cancellationToken: Cancellation);

        var byTwo = Items(await PagesAsync("/api/admin/failures", top: 2)).Select(failure => failure.GetRawText()).ToList();
        var atOnce = Items(await PagesAsync("/api/admin/failures", top: 1000)).Select(failure => failure.GetRawText()).ToList();

        Assert.Equal(atOnce, byTwo);
        Assert.Equal(["Source", "Source", "Source", "SitePoison", "SitePoison", "ReleasePoison", "JobPoison", "Listing", "Theme"],
            atOnce.Select(failure => JsonDocument.Parse(failure).RootElement.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task Poison_queue_holding_more_than_a_peek_shows_says_how_many_more_wait()
    {
        var poison = _site.Get<StorageClients>().SitePoisonQueue;
        await poison.CreateIfNotExistsAsync(cancellationToken: Cancellation);
        for (var index = 0; index < FailureReport.MaxPeeked + 8; index++)
        {
            await poison.SendMessageAsync("{\"file\":\"feeds\",\"requestedAt\":\"2025-01-01T00:00:00Z\"}", Cancellation);
        }

        var failures = Items(await PagesAsync("/api/admin/failures", top: 10)).ToList();

        Assert.Equal(FailureReport.MaxPeeked + 1, failures.Count);
        Assert.StartsWith($"8 more messages wait in the queue '{poison.Name}'", failures[^1].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_failure_is_listed_as_its_sources_failure_once()
    {
        await _site.PublishAsync("story.md", Samples.FrontMatterArticle("Served before", extra: "slug: served-before"));
        await _site.BreakRecordAsync("served-before");
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _site.Get<RenderMessageHandler>().HandleAsync("{\"slug\":\"served-before\"}", RenderMessageHandler.MaxDequeueCount, Cancellation));

        var failure = Assert.Single(Items(await PagesAsync("/api/admin/failures", top: 100)));

        Assert.Equal(("Source", "story.md", "served-before"),
            (failure.GetProperty("kind").GetString(), failure.GetProperty("blobName").GetString(), failure.GetProperty("slug").GetString()));
        Assert.StartsWith("Rendering failed: ", failure.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/admin/sources?top=0", "Invalid 'top'")]
    [InlineData("/api/admin/sources?top=1001", "Invalid 'top'")]
    [InlineData("/api/admin/sources?continuationToken=not%20a%20token", "Invalid 'continuationToken'")]
    [InlineData("/api/admin/failures?continuationToken=eyJzY2FuIjo5OX0", "Invalid 'continuationToken'")]
    public async Task Page_size_out_of_range_or_a_token_not_returned_by_a_page_is_a_400_problem(string pathAndQuery, string title)
    {
        var answer = await GetAsync(pathAndQuery);

        Assert.Equal((400, title), (answer.Status, answer.Json.GetProperty("title").GetString()));
    }
}
