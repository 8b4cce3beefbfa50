using System.Globalization;
using Serverless.Core.Ingest;
using Serverless.Core.Storage;
using Serverless.Functions.Triggers;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Embargoes go out on time, never early: an article dated a few seconds ahead is scheduled, and its release message,
/// visible at its date, publishes it through both stages within 5 seconds after it, with no reconciliation pass. Real time: the queue's
/// visibility is Azurite's clock.
/// </summary>
public sealed class ScheduledReleaseTests(OwnAzuriteFixture azurite) : IClassFixture<OwnAzuriteFixture>, IAsyncDisposable
{
    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Embargoed_article_is_published_within_5_seconds_after_its_date_never_before()
    {
        var embargo = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(8);
        var date = embargo.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

        var scheduled = await _site.PublishAsync("embargo.md", Samples.Article("Embargoed", date, extra: "slug: embargoed"));
        Assert.Equal(PublishStatus.Scheduled, scheduled.Status);
        Assert.Equal(404, (await _site.GetPageAsync("embargoed")).StatusCode);

        var released = await ReleaseAsync();
        await _site.DrainRenderQueueAsync();
        var servedAfter = DateTimeOffset.UtcNow - embargo;

        Assert.Equal(PublishStatus.Published, released?.Status);
        Assert.Equal(200, (await _site.GetPageAsync("embargoed")).StatusCode);
        Assert.InRange(servedAfter, TimeSpan.Zero, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Release_message_received_before_the_date_is_re_armed_for_the_rest_of_the_wait()
    {
        var releases = _site.Get<ScheduledReleases>();
        var at = DateTimeOffset.UtcNow + TimeSpan.FromDays(30);

        var due = await releases.DueAsync(Json.Write(new ScheduledRelease("far.md", at)), Cancellation);

        Assert.Null(due);
        var queue = _site.Get<StorageClients>().ReleaseQueue;
        Assert.Equal(1, (await queue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount);
        Assert.Empty((await queue.PeekMessagesAsync(cancellationToken: Cancellation)).Value);
    }

    /// <summary>The release queue as the Functions host runs it: waits for the message to show, hands it to the function.</summary>
    private async Task<PublishResult?> ReleaseAsync()
    {
        var queue = _site.Get<StorageClients>().ReleaseQueue;
        var function = new ReleaseScheduledArticleFunction(_site.Get<ReleaseMessageHandler>());
        while (true)
        {
            // As the host polls an idle queue: at most every 2 s (host.json maxPollingInterval); here more often.
            var messages = (await queue.ReceiveMessagesAsync(maxMessages: 1, cancellationToken: Cancellation)).Value;
            if (messages is [var message])
            {
                var result = await function.ReleaseScheduledArticle(message, Cancellation);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, Cancellation);
                return result;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200), Cancellation);
        }
    }
}
