using System.Text.Json;
using Azure;
using Serverless.Core.Discovery;
using Serverless.Core.Site;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// IndexNow: the key served at /{key}.txt, and the URLs of the pages a window of publishes changed sent in one POST to
/// the configured endpoint (here a real local HTTP server), retried when it fails for a while, off until a key is set.
/// </summary>
public sealed class IndexNowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Key = "5f3c1d2e8a9b4c7d";
    private TestReceiver _endpoint = null!;
    private TestSite _site = null!;

    public async ValueTask InitializeAsync()
    {
        _endpoint = await TestReceiver.StartAsync();
        _site = new TestSite(azurite, new Dictionary<string, string?>
        {
            ["Discovery:IndexNowKey"] = Key,
            ["Discovery:IndexNowEndpoint"] = _endpoint.Url("indexnow"),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        await _endpoint.DisposeAsync();
    }

    private async Task PublishTogetherAsync(params (string Blob, string Content)[] articles)
    {
        foreach (var (blob, content) in articles)
        {
            await _site.TriggerIngestAsync(await _site.UploadAsync(blob, content));
        }
        await _site.DrainRenderQueueAsync();
    }

    private static string Article(string slug, string title = "A story") => Samples.Article(title, "2024-12-02T08:00:00Z", extra: "slug: " + slug);

    private List<IndexNowBody> Submissions() =>
        [.. _endpoint.Requests.Select(request => JsonSerializer.Deserialize<IndexNowBody>(request.Body, JsonSerializerOptions.Web)!)];

    [Fact]
    public async Task Key_file_answers_the_key_as_text()
    {
        var response = await _site.GetSiteFileAsync($"/{Key}.txt");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(Key, response.Body);
        Assert.Equal("text/plain; charset=utf-8", response.Headers.ContentType.ToString());
    }

    [Fact]
    public async Task Any_other_txt_name_is_not_found() =>
        Assert.Equal(404, (await _site.GetSiteFileAsync("/0000000000000000.txt")).StatusCode);

    [Fact]
    public async Task Publishes_of_one_window_are_sent_in_one_post_with_the_key_and_its_location()
    {
        await PublishTogetherAsync(("one.md", Article("one")), ("two.md", Article("two")));

        var request = Assert.Single(_endpoint.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/indexnow", request.PathAndQuery);
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        var body = Assert.Single(Submissions());
        Assert.Equal("news.example.com", body.Host);
        Assert.Equal(Key, body.Key);
        Assert.Equal($"{TestSite.PublicBaseUrl}/{Key}.txt", body.KeyLocation);
        Assert.Equal([TestSite.PublicBaseUrl + "/articles/one", TestSite.PublicBaseUrl + "/articles/two"], body.UrlList.Order());
    }

    [Fact]
    public async Task Update_and_unpublish_are_sent_and_a_render_that_changes_nothing_sends_nothing()
    {
        await PublishTogetherAsync(("one.md", Article("one")));
        await PublishTogetherAsync(("one.md", Article("one")));
        Assert.Single(_endpoint.Requests);

        await PublishTogetherAsync(("one.md", Article("one", "A story, corrected")));
        await PublishTogetherAsync(("one.md", Samples.Article("A story, corrected", "2024-12-02T08:00:00Z", extra: "slug: one\ndraft: true")));

        Assert.Equal(3, _endpoint.Requests.Count);
        Assert.All(Submissions(), body => Assert.Equal([TestSite.PublicBaseUrl + "/articles/one"], body.UrlList));
    }

    [Fact]
    public async Task Endpoint_failing_for_a_while_is_tried_again_and_gets_the_urls_once()
    {
        _endpoint.Statuses.Enqueue(503);
        _endpoint.Statuses.Enqueue(429);

        await PublishTogetherAsync(("one.md", Article("one")));

        Assert.Equal(3, _endpoint.Requests.Count);
        Assert.All(Submissions(), body => Assert.Equal([TestSite.PublicBaseUrl + "/articles/one"], body.UrlList));
        Assert.Empty(await PendingAsync());
    }

    [Fact]
    public async Task Endpoint_that_keeps_failing_fails_the_message_and_keeps_the_urls_for_its_redelivery()
    {
        for (var i = 0; i < 10; i++)
        {
            _endpoint.Statuses.Enqueue(500);
        }
        await _site.TriggerIngestAsync(await _site.UploadAsync("one.md", Article("one")));

        // The site-file message fails (the Functions host delivers it again, then moves it to the poison queue the
        // admin failures listing reads), after a few attempts, and the URL stays recorded for the next delivery.
        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => _site.DrainRenderQueueAsync());
        Assert.Equal(500, failure.Status);
        Assert.Equal(4, _endpoint.Requests.Count);
        Assert.Equal(["one"], (await PendingAsync()).Select(row => row.RowKey));
    }

    [Fact]
    public async Task Without_a_key_nothing_is_sent_and_no_key_file_is_served()
    {
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Discovery:IndexNowEndpoint"] = _endpoint.Url("indexnow") });

        await site.PublishAsync("one.md", Article("one"));

        Assert.Empty(_endpoint.Requests);
        Assert.Equal(404, (await site.GetSiteFileAsync($"/{Key}.txt")).StatusCode);
        Assert.DoesNotContain(site.SiteFileResults, result => result.File == SiteFileKey.IndexNow);
    }

    private async Task<List<IndexNowEntity>> PendingAsync()
    {
        var rows = new List<IndexNowEntity>();
        await foreach (var row in _site.Get<Serverless.Core.Storage.StorageClients>().SiteFilesTable.QueryAsync<IndexNowEntity>(
            entity => entity.PartitionKey == IndexNowEntity.Partition, cancellationToken: TestContext.Current.CancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }
}
