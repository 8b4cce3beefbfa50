using System.Net;
using Azure;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Ingest;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.IntegrationTests.LocalServer;
using Serverless.LocalServer.Azurite;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Storage stopped in the middle of a publish, then started again: the publish fails as a storage failure (the host
/// retries it), pages already read keep being served meanwhile, and the retry publishes. Each test runs an Azurite of
/// its own that keeps its data on disk, so that it can be stopped and started on the same ports.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "serverless-outage-" + Guid.NewGuid().ToString("N")[..8]);
    private AzuriteProcess? _azurite;
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _azurite = await StartAzuriteAsync(ports: null);

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
        Directory.Delete(_data, recursive: true);
    }

    private Task<AzuriteProcess> StartAzuriteAsync(AzuritePorts? ports) =>
        AzuriteProcess.StartAsync(new AzuriteStartOptions { DataDirectory = _data, Ports = ports }, NullLogger.Instance, Cancellation);

    private async Task StopAzuriteAsync() => await _azurite!.DisposeAsync();

    private async Task RestartAzuriteAsync() => _azurite = await StartAzuriteAsync(_azurite!.Ports);

    [Fact]
    public async Task Publish_cut_off_by_storage_fails_as_a_storage_failure_and_the_retry_publishes_it()
    {
        var outage = new StorageOutage();
        await using var site = new TestSite(_azurite!.ConnectionString, fault: outage);
        await site.PublishAsync("first.md", Samples.FrontMatterArticle("The first story", extra: "slug: first"));
        var blob = await site.UploadAsync("second.md", Samples.FrontMatterArticle("The second story", extra: "slug: second"));

        // Storage goes down after the download and the first reads of stage 1, before anything is written.
        outage.Arm(afterRequests: 4, StopAzuriteAsync);
        var failure = await Record.ExceptionAsync(() => site.TriggerIngestAsync(blob));

        Assert.True(IsStorageFailure(failure), $"Expected a storage failure, got {failure}");
        await RestartAzuriteAsync();
        var retried = await site.TriggerIngestAsync(blob);
        await site.DrainRenderQueueAsync();
        Assert.Equal(PublishStatus.Published, retried.Status);
        Assert.Equal(200, (await site.GetPageAsync("second")).StatusCode);
        Assert.Equal(200, (await site.GetPageAsync("first")).StatusCode);
    }

    [Fact]
    public async Task Render_cut_off_by_storage_fails_as_a_storage_failure_and_the_redelivered_message_renders_it()
    {
        var outage = new StorageOutage();
        await using var site = new TestSite(_azurite!.ConnectionString, fault: outage);
        var blob = await site.UploadAsync("story.md", Samples.FrontMatterArticle("A story", extra: "slug: story"));
        await site.TriggerIngestAsync(blob);

        // Stage 2 loses storage after reading the message and the record: the message is not deleted, so it comes back.
        outage.Arm(afterRequests: 3, StopAzuriteAsync);
        var failure = await Record.ExceptionAsync(() => site.DrainRenderQueueAsync());

        Assert.True(IsStorageFailure(failure), $"Expected a storage failure, got {failure}");
        await RestartAzuriteAsync();
        var queue = site.Get<Core.Storage.StorageClients>().RenderQueue;
        Assert.Equal(1, (await queue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount);
        await WaitForRedeliveryAsync(site);
        Assert.Equal(200, (await site.GetPageAsync("story")).StatusCode);
    }

    [Fact]
    public async Task Pages_already_read_are_served_while_storage_is_down()
    {
        await using var site = new TestSite(_azurite!.ConnectionString);
        await site.PublishAsync("story.md", Samples.FrontMatterArticle("A story", extra: "slug: story"));
        var before = await site.GetPageAsync("story");

        await StopAzuriteAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5), Cancellation); // past Site:ServerCacheSeconds, so the page is read again
        var during = await site.GetPageAsync("story");
        await RestartAzuriteAsync();

        Assert.Equal(200, during.StatusCode);
        Assert.Equal(before.Body, during.Body);
    }

    [Fact]
    public async Task A_page_read_while_storage_is_down_serves_the_last_answer_before_the_storage_retries_are_spent()
    {
        await using var site = new TestSite(_azurite!.ConnectionString);
        await site.PublishAsync("story.md", Samples.FrontMatterArticle("A story", extra: "slug: story"));
        var before = await site.GetPageAsync("story");

        await StopAzuriteAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5), Cancellation); // past Site:ServerCacheSeconds, so the page is read again
        site.Attempts.Reset();
        var during = await site.GetPageAsync("story");
        var attempts = site.Attempts.Total;
        await RestartAzuriteAsync();

        Assert.Equal(before.Body, during.Body);
        // The SDK tries 4 times (its 3 retries wait 0.8, 1.6 and 3.2 s, give or take a fifth): the read gave up within
        // ServedResponses.StaleAfter, before the third.
        Assert.InRange(attempts, 1, 2);
    }

    [Fact]
    public async Task Local_server_publishes_an_upload_made_before_storage_went_down_once_it_is_back()
    {
        await using var server = await RunningLocalServer.StartAsync(_azurite!.ConnectionString, settings => settings with { SamplesDirectory = null });
        await server.UploadAsync("first.md", Samples.FrontMatterArticle("The first story", extra: "slug: first"));
        using var first = await server.WaitForAsync("/articles/first", HttpStatusCode.OK);
        var firstPage = await first.Content.ReadAsStringAsync(Cancellation);

        await server.UploadAsync("second.md", Samples.FrontMatterArticle("The second story", extra: "slug: second"));
        await StopAzuriteAsync();
        using var during = await server.Http.GetAsync("/articles/first", Cancellation);
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Equal(firstPage, await during.Content.ReadAsStringAsync(Cancellation));
        await RestartAzuriteAsync();

        using var second = await server.WaitForAsync("/articles/second", HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    /// <summary>The render message's visibility timeout ends (30 s as received here), then the host delivers it again.</summary>
    private static async Task WaitForRedeliveryAsync(TestSite site)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await site.DrainRenderQueueAsync()).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        }
    }

    /// <summary>What the storage SDK throws once its own retries (exponential backoff) are spent on an unreachable endpoint.</summary>
    private static bool IsStorageFailure(Exception? exception) => exception switch
    {
        RequestFailedException or HttpRequestException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsStorageFailure),
        _ => false,
    };
}
