using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Admin;
using Serverless.Core.Render;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.LocalServer;
using Serverless.LocalServer.Publishing;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>
/// The local server's stage 2: a render that fails for its content every time is retried a few times, each after a
/// longer wait, then recorded as failed and poisoned, never retried in a loop.
/// </summary>
public sealed class RenderQueueWorkerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private RenderQueueWorker NewWorker() =>
        new(_site.Get<StorageClients>(), _site.Get<RenderQueueClient>(), _site.Get<RenderMessageHandler>(), new LocalServerSettings(), NullLogger<RenderQueueWorker>.Instance);

    [Fact]
    public void Retry_delay_doubles_with_each_delivery()
    {
        var delays = Enumerable.Range(1, RenderMessageHandler.MaxDequeueCount - 1).Select(count => RenderQueueWorker.RetryDelayAfter(count).TotalSeconds);

        Assert.Equal([1, 2, 4, 8], delays);
    }

    [Fact]
    public async Task Render_failing_for_its_content_is_retried_later_each_time_then_recorded_as_failed_and_poisoned()
    {
        await _site.PublishAsync("story.md", Samples.FrontMatterArticle("Story", extra: "slug: story"));
        var served = (await _site.GetPageAsync("story")).Body;
        // A record the renderer cannot read: the same exception on every delivery, whatever its type.
        var repository = _site.Get<ArticleRepository>();
        var record = (await repository.GetArticleAsync("story", Cancellation))!;
        record.LinksJson = "{ not json";
        await repository.SaveArticleAsync(record, record, Cancellation);
        await _site.Get<RenderQueueClient>().EnqueueAsync(["story"], Cancellation);
        var queue = _site.Get<StorageClients>().RenderQueue;
        var delivered = (await queue.ReceiveMessageAsync(cancellationToken: Cancellation)).Value;
        var worker = NewWorker();

        var receipts = new List<UpdateReceipt?>();
        for (var count = 1; count <= RenderMessageHandler.MaxDequeueCount; count++)
        {
            // The next delivery of the message, as the queue hands it over once its delay is over.
            var delivery = QueuesModelFactory.QueueMessage(delivered.MessageId, receipts.LastOrDefault()?.PopReceipt ?? delivered.PopReceipt, delivered.Body, count);
            receipts.Add(await worker.HandleAsync(delivery, Cancellation));
        }

        Assert.All(receipts[..^1], receipt => Assert.NotNull(receipt));
        Assert.True(receipts.Skip(1).Take(3).Select((receipt, index) => receipt!.NextVisibleOn > receipts[index]!.NextVisibleOn).All(later => later),
            "each retry is hidden until later than the one before");
        Assert.Null(receipts[^1]);
        Assert.Empty((await queue.PeekMessagesAsync(cancellationToken: Cancellation)).Value);
        Assert.Single((await _site.Get<StorageClients>().RenderPoisonQueue.PeekMessagesAsync(cancellationToken: Cancellation)).Value);
        var status = await _site.Get<PublicationStatusReader>().ForBlobAsync("story.md", Cancellation);
        Assert.Equal(PublicationState.Failed, status!.State);
        Assert.StartsWith("Rendering failed: Rendering failed 5 times: ", status.Message, StringComparison.Ordinal);
        Assert.Equal(served, (await _site.GetPageAsync("story")).Body);
    }
}
