using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Delayed renders (the pages a fan-out reaches: related pages offered a new article) that an instance already has on
/// their way serve the later requests for the same page: a burst offering every new article to the same pages sends one
/// message per page, which waits while the page keeps being asked for (up to a longest delay), not one per article.
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
    public async Task A_better_offer_or_a_plain_render_changes_the_message_on_its_way_instead_of_sending_another()
    {
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:RenderDelaySeconds"] = "1" }, time: new ManualClock(Start));
        var queue = site.Get<RenderQueueClient>();

        await queue.EnqueueAsync([], Cancellation, delayed: true, offeredBy: "first", offers: [("page", 0.5)]);
        var higher = await queue.EnqueueAsync([], Cancellation, delayed: true, offeredBy: "second", offers: [("page", 0.6)]);
        var plain = await queue.EnqueueAsync(["page"], Cancellation, delayed: true);

        Assert.Equal((0, 0), (higher, plain));
        var message = Assert.Single(await ReceiveWhenShownAsync(site));
        Assert.Equal(new RenderMessage("page", EnqueuedAt: Start + TimeSpan.FromSeconds(1) - PendingRenderMargin), message);
    }

    [Fact]
    public async Task A_delayed_render_for_a_change_made_earlier_is_stamped_with_that_change_so_a_render_since_serves_it()
    {
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:RenderDelaySeconds"] = "1" }, time: new ManualClock(Start));
        var queue = site.Get<RenderQueueClient>();
        var changed = Start - TimeSpan.FromSeconds(30);

        await queue.EnqueueAsync(["page"], Cancellation, delayed: true, changedAt: changed);
        var earlierStill = await queue.EnqueueAsync(["page"], Cancellation, delayed: true, changedAt: changed - TimeSpan.FromSeconds(5));

        Assert.Equal(0, earlierStill);
        var message = Assert.Single(await ReceiveWhenShownAsync(site));
        Assert.Equal(new RenderMessage("page", EnqueuedAt: changed), message);
    }

    [Fact]
    public async Task A_request_for_a_later_change_restamps_a_message_stamped_with_an_earlier_one()
    {
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:RenderDelaySeconds"] = "1" }, time: new ManualClock(Start));
        var queue = site.Get<RenderQueueClient>();
        await queue.EnqueueAsync(["page"], Cancellation, delayed: true, changedAt: Start - TimeSpan.FromSeconds(30));

        var plain = await queue.EnqueueAsync(["page"], Cancellation, delayed: true);

        Assert.Equal(0, plain);
        var message = Assert.Single(await ReceiveWhenShownAsync(site));
        Assert.Equal(new RenderMessage("page", EnqueuedAt: Start + TimeSpan.FromSeconds(1) - PendingRenderMargin), message);
    }

    [Fact]
    public async Task A_page_asked_for_again_as_its_render_comes_due_waits_twice_as_long_and_its_render_reads_after_the_request()
    {
        // Delays of 4 and 8 s rather than the default 2 and 4: storage counts them in real time, and a loaded CI
        // machine can take a second or two between the requests and the check.
        var clock = new ManualClock(Start);
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:RenderDelaySeconds"] = "4" }, time: clock);
        var queue = site.Get<RenderQueueClient>();
        await queue.EnqueueAsync(["page"], Cancellation, delayed: true);

        clock.Now = Start + TimeSpan.FromSeconds(3);
        var again = await queue.EnqueueAsync(["page"], Cancellation, delayed: true);

        Assert.Equal(0, again);
        // Shown 8 s after the second request: not yet when the first delay (4 s) is over.
        await Task.Delay(TimeSpan.FromSeconds(5), Cancellation);
        Assert.Empty((await site.Get<StorageClients>().RenderQueue.ReceiveMessagesAsync(cancellationToken: Cancellation)).Value);
        var message = Assert.Single(await ReceiveWhenShownAsync(site));
        Assert.Equal(clock.Now + TimeSpan.FromSeconds(8) - PendingRenderMargin, message.EnqueuedAt);
    }

    [Fact]
    public async Task A_page_kept_asked_for_waits_no_longer_than_the_longest_delay_from_its_first_request()
    {
        var clock = new ManualClock(Start);
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:RenderDelayMaxSeconds"] = "3" }, time: clock);
        var queue = site.Get<RenderQueueClient>();

        var sent = new List<int> { await queue.EnqueueAsync(["page"], Cancellation, delayed: true) };
        foreach (var seconds in new[] { 1.5, 2.6, 3.0 })
        {
            clock.Now = Start + TimeSpan.FromSeconds(seconds);
            sent.Add(await queue.EnqueueAsync(["page"], Cancellation, delayed: true));
        }

        // Put back to 3 s (not 5.5) at 1.5 s; still on its way at 2.6 s; shown at 3 s, so the next request sends anew.
        Assert.Equal([1, 0, 0, 1], sent);
    }

    [Fact]
    public async Task A_message_received_before_it_could_be_changed_is_followed_by_a_new_one()
    {
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:RenderDelaySeconds"] = "1" }, time: new ManualClock(Start));
        var queue = site.Get<RenderQueueClient>();
        await queue.EnqueueAsync([], Cancellation, delayed: true, offeredBy: "first", offers: [("page", 0.5)]);
        Assert.Single(await ReceiveWhenShownAsync(site));

        // By this instance's clock the message has not shown yet; storage's says it has, and another receive holds it.
        Assert.Equal(1, await queue.EnqueueAsync(["page"], Cancellation, delayed: true));
    }

    [Fact]
    public async Task A_request_once_the_delayed_render_is_visible_is_sent()
    {
        var clock = new ManualClock(Start);
        await using var site = new TestSite(azurite, time: clock);
        var queue = site.Get<RenderQueueClient>();
        await queue.EnqueueAsync(["page"], Cancellation, delayed: true);

        clock.Now = Start + site.Get<RenderQueueClient>().CoalescingDelay;

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

    [Fact]
    public async Task A_delayed_render_asked_for_during_an_import_is_held_past_its_delay_and_serves_every_later_request()
    {
        // A render delay of 4 s: an import is over after 16 s of quiet (margins for a loaded CI machine).
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:RenderDelaySeconds"] = "4" });
        var queue = site.Get<RenderQueueClient>();
        ImportUnderway(site);

        var sent = new[]
        {
            await queue.EnqueueAsync(["page"], Cancellation, delayed: true),
            await queue.EnqueueAsync([], Cancellation, delayed: true, offeredBy: "new-story", offers: [("page", 0.9)]),
            await queue.EnqueueAsync(["page"], Cancellation, delayed: true),
        };

        Assert.Equal([1, 0, 0], sent);
        // Past the 4 s delay, and well before the import has been quiet for 16 s.
        await Task.Delay(TimeSpan.FromSeconds(8), Cancellation);
        Assert.Empty((await site.Get<StorageClients>().RenderQueue.ReceiveMessagesAsync(cancellationToken: Cancellation)).Value);
        Assert.Equal(1, await MessagesAsync(site));
    }

    [Fact]
    public async Task Held_renders_are_let_go_at_once_each_stamped_after_the_requests_it_serves()
    {
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:RenderDelaySeconds"] = "4" });
        var queue = site.Get<RenderQueueClient>();
        ImportUnderway(site);
        await queue.EnqueueAsync(["first", "second"], Cancellation, delayed: true);
        var lastRequest = DateTimeOffset.UtcNow;

        Assert.Equal(2, await queue.ReleaseHeldAsync(Cancellation));

        var received = (await site.Get<StorageClients>().RenderQueue.ReceiveMessagesAsync(maxMessages: 32, cancellationToken: Cancellation)).Value;
        var messages = received.Select(message => RenderMessage.Parse(message.Body.ToString())).ToList();
        Assert.Equal(["first", "second"], messages.Select(message => message.Slug).Order(StringComparer.Ordinal));
        Assert.All(messages, message => Assert.True(message.EnqueuedAt >= lastRequest, $"{message.EnqueuedAt:O} is before the last request, {lastRequest:O}"));
    }

    /// <summary>
    /// In an import's release wave each page's render tells the pages it cites and offers itself to those it may enter:
    /// a page whose held render was let go after the change reads it, and is sent nothing more.
    /// </summary>
    [Fact]
    public async Task A_page_whose_held_render_was_let_go_is_sent_no_render_for_a_change_made_before()
    {
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:RenderDelaySeconds"] = "4" });
        var queue = site.Get<RenderQueueClient>();
        ImportUnderway(site);
        await queue.EnqueueAsync(["cited"], Cancellation, delayed: true);
        var changed = DateTimeOffset.UtcNow;
        await Task.Delay(Serverless.Core.Render.OutputPublisher.ClockSkew * 2, Cancellation);
        Assert.Equal(1, await queue.ReleaseHeldAsync(Cancellation));

        var told = await queue.EnqueueAsync(["cited"], Cancellation, delayed: true, changedAt: changed);
        var offered = await queue.EnqueueAsync([], Cancellation, delayed: true, offeredBy: "new-story", offers: [("cited", 0.9)], changedAt: changed);
        var later = await queue.EnqueueAsync(["cited"], Cancellation, delayed: true, changedAt: DateTimeOffset.UtcNow);

        Assert.Equal((0, 0, 1), (told, offered, later));
    }

    [Fact]
    public async Task Held_renders_are_let_go_by_themselves_once_the_import_is_quiet()
    {
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:RenderDelaySeconds"] = "1" });
        ImportUnderway(site);

        await site.Get<RenderQueueClient>().EnqueueAsync(["page"], Cancellation, delayed: true);

        // Shown after 4 s of quiet; held, it would wait the longest render delay (300 s).
        Assert.Equal("page", Assert.Single(await ReceiveWhenShownAsync(site)).Slug);
    }

    [Fact]
    public async Task Held_renders_stay_held_past_the_longest_delay_while_the_import_goes_on_then_go_once_it_is_quiet()
    {
        // The longest delay 10 s; an import of 16 s, then quiet for 4 s.
        await using var site = new TestSite(azurite, new Dictionary<string, string?>
        {
            ["Publishing:RenderDelaySeconds"] = "1",
            ["Publishing:RenderDelayMaxSeconds"] = "10",
        });
        var queue = site.Get<RenderQueueClient>();
        ImportUnderway(site);
        await queue.EnqueueAsync(["page"], Cancellation, delayed: true);

        var importEnds = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(16);
        while (DateTimeOffset.UtcNow < importEnds)
        {
            site.Get<Serverless.Core.Render.ImportSettlement>().Ingested();
            Assert.Empty((await site.Get<StorageClients>().RenderQueue.ReceiveMessagesAsync(cancellationToken: Cancellation)).Value);
            await Task.Delay(400, Cancellation);
        }

        Assert.Equal("page", Assert.Single(await ReceiveWhenShownAsync(site)).Slug);
    }

    [Fact]
    public async Task A_render_not_delayed_is_not_held_during_an_import()
    {
        await using var site = new TestSite(azurite);
        ImportUnderway(site);

        await site.Get<RenderQueueClient>().EnqueueAsync(["page"], Cancellation);

        Assert.Single((await site.Get<StorageClients>().RenderQueue.ReceiveMessagesAsync(cancellationToken: Cancellation)).Value);
    }

    /// <summary>As many ingests at once as make an import.</summary>
    private static void ImportUnderway(TestSite site)
    {
        var imports = site.Get<Serverless.Core.Render.ImportSettlement>();
        for (var ingest = 0; ingest < ImportActivity.ImportIngests; ingest++)
        {
            imports.Ingested();
        }
    }

    private static readonly TimeSpan PendingRenderMargin = TimeSpan.FromMilliseconds(250);

    /// <summary>The render messages of the queue, received once they show (within 10 s).</summary>
    private static async Task<RenderMessage[]> ReceiveWhenShownAsync(TestSite site)
    {
        var queue = site.Get<StorageClients>().RenderQueue;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var received = (await queue.ReceiveMessagesAsync(maxMessages: 32, cancellationToken: Cancellation)).Value;
            if (received.Length > 0)
            {
                return [.. received.Select(message => RenderMessage.Parse(message.Body.ToString()))];
            }
            await Task.Delay(200, Cancellation);
        }
        return [];
    }

    /// <summary>Messages in the render queue, visible or not yet.</summary>
    private static async Task<int> MessagesAsync(TestSite site) =>
        (await site.Get<StorageClients>().RenderQueue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount;
}
