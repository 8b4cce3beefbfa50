using System.Text.Json;
using Serverless.Core.Admin;
using Serverless.Core.Http;
using Serverless.Core.Storage;
using Serverless.Functions.Http;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>GET /api/articles and GET /: newest first, paged with continuation tokens.</summary>
public sealed class ArticleListingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // Published 1, 2, ... 5 December: the listing must come back 5, 4, 3, 2, 1 whatever the upload order.
        foreach (var day in new[] { 3, 1, 5, 2, 4 })
        {
            await _site.UploadAsync($"day-{day}.md", $"---\ntitle: Day {day}\ndate: 2024-12-0{day}\n---\nWhat happened on day {day} of the month.");
        }
        await _site.Get<ArticleReconciler>().ReconcileAsync(Cancellation);
        await _site.DrainRenderQueueAsync();
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task<HttpResponseSnapshot> ListAsync(string query)
    {
        var context = _site.NewHttpContext("/api/articles" + query);
        return await HttpResponseSnapshot.ExecuteAsync(await new ApiFunctions(_site.Get<ApiHandlers>()).ListArticles(context.Request, Cancellation), context);
    }

    private static (List<string> Slugs, string? Token) Read(HttpResponseSnapshot response)
    {
        using var json = JsonDocument.Parse(response.Body);
        var slugs = json.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("slug").GetString()!).ToList();
        return (slugs, json.RootElement.TryGetProperty("continuationToken", out var token) ? token.GetString() : null);
    }

    [Fact]
    public async Task Articles_are_listed_newest_first()
    {
        var (slugs, token) = Read(await ListAsync(""));

        Assert.Equal(["day-5", "day-4", "day-3", "day-2", "day-1"], slugs);
        Assert.Null(token);
    }

    [Fact]
    public async Task Continuation_token_pages_through_without_gaps_or_repeats()
    {
        var (first, token) = Read(await ListAsync("?top=2"));
        var (second, token2) = Read(await ListAsync($"?top=2&continuationToken={token}"));
        var (third, token3) = Read(await ListAsync($"?top=2&continuationToken={token2}"));

        Assert.Equal(["day-5", "day-4"], first);
        Assert.Equal(["day-3", "day-2"], second);
        Assert.Equal(["day-1"], third);
        Assert.Null(token3);
    }

    [Fact]
    public async Task First_page_of_the_listing_is_two_storage_requests_the_index_of_months_and_the_newest_month()
    {
        await _site.Get<LegacyListing>().HoldsRowsAsync(Cancellation); // once per process
        _site.Requests.Reset();

        await ListAsync("?top=2");

        Assert.Equal((2, 0), (_site.Requests.Reads, _site.Requests.Writes));
    }

    [Fact]
    public async Task Later_page_within_its_month_is_one_storage_request()
    {
        var (_, token) = Read(await ListAsync("?top=2"));
        _site.Requests.Reset();

        await ListAsync($"?top=2&continuationToken={token}");

        Assert.Equal((1, 0), (_site.Requests.Reads, _site.Requests.Writes));
    }

    [Theory]
    [InlineData("?top=0")]
    [InlineData("?top=101")]
    [InlineData("?top=ten")]
    [InlineData("?continuationToken=not-a-token")]
    [InlineData("?continuationToken=OTk5OTk5OTk5OTk5OTk5OTk5OS1h")] // "9999999999999999999-a": a key of no time, which would name no month
    public async Task Invalid_paging_parameters_get_400_problem_json(string query)
    {
        var response = await ListAsync(query);

        Assert.Equal(400, response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Headers.ContentType.ToString());
    }

    [Fact]
    public async Task Index_page_links_every_article_newest_first()
    {
        var context = _site.NewHttpContext("/");
        var page = await HttpResponseSnapshot.ExecuteAsync(await new PageFunctions(_site.Get<PageHandlers>()).GetIndexPage(context.Request, Cancellation), context);

        Assert.Equal(200, page.StatusCode);
        var positions = Enumerable.Range(1, 5).Select(day => page.Body.IndexOf($"href=\"/articles/day-{day}\"", StringComparison.Ordinal)).ToList();
        Assert.All(positions, position => Assert.True(position > 0));
        Assert.Equal(positions.OrderDescending(), positions);
    }
}
