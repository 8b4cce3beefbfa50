using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Delayed renders (the pages a fan-out reaches: related pages offered a new article) that an instance already has on
/// their way serve the later requests for the same page they cover: a burst offering every new article to the same
/// pages sends one message per page and delay, not one per article.
/// </summary>
public sealed class PendingRendersTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static readonly DateTimeOffset Start = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_delayed_render_on_its_way_serves_a_later_request_for_the_page()
    {
        await using var site = new TestSite(azurite, time: new ManualClock(Start));
        var queue = site.Get<RenderQueueClient>();

        Assert.Equal(1, await queue.EnqueueAsync(["page"], Cancellation, delayed: true));
        Assert.Equal(0, await queue.EnqueueAsync(["page"], Cancellation, delayed: true));
        Assert.Equal(0, await queue.EnqueueAsync([], Cancellation, delayed: true, offeredBy: "new-story", offers: [("page", 0.9)]));

        Assert.Equal(1, await MessagesAsync(site));
    }

    [Fact]
    public async Task An_offer_scoring_no_more_than_one_on_its_way_is_left_out_and_a_higher_one_is_sent()
    {
        await using var site = new TestSite(azurite, time: new ManualClock(Start));
        var queue = site.Get<RenderQueueClient>();

        await queue.EnqueueAsync([], Cancellation, delayed: true, offeredBy: "first", offers: [("page", 0.5)]);
        var lower = await queue.EnqueueAsync([], Cancellation, delayed: true, offeredBy: "second", offers: [("page", 0.4)]);
        var higher = await queue.EnqueueAsync([], Cancellation, delayed: true, offeredBy: "third", offers: [("page", 0.6)]);
        var plain = await queue.EnqueueAsync(["page"], Cancellation, delayed: true);

        Assert.Equal((0, 1, 1), (lower, higher, plain));
        Assert.Equal(3, await MessagesAsync(site));
    }

    [Fact]
    public async Task A_request_once_the_delayed_render_is_visible_is_sent()
    {
        var clock = new ManualClock(Start);
        await using var site = new TestSite(azurite, time: clock);
        var queue = site.Get<RenderQueueClient>();
        await queue.EnqueueAsync(["page"], Cancellation, delayed: true);

        clock.Now = Start + RenderQueueClient.CoalescingDelay;

        Assert.Equal(1, await queue.EnqueueAsync(["page"], Cancellation, delayed: true));
    }

    [Fact]
    public async Task A_render_that_is_not_delayed_is_always_sent()
    {
        await using var site = new TestSite(azurite, time: new ManualClock(Start));
        var queue = site.Get<RenderQueueClient>();
        await queue.EnqueueAsync(["page"], Cancellation, delayed: true);

        Assert.Equal(1, await queue.EnqueueAsync(["page"], Cancellation));
    }

    /// <summary>Messages in the render queue, visible or not yet.</summary>
    private static async Task<int> MessagesAsync(TestSite site) =>
        (await site.Get<StorageClients>().RenderQueue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount;
}
