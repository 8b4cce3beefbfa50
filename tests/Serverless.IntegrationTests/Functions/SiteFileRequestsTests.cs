using Serverless.Core.Site;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// What the renders of a burst send the site-file stage: one message per file and window from an instance, however
/// many renders ask, since the rebuild it asks for reads its inputs after the window's end.
/// </summary>
public sealed class SiteFileRequestsTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Two seconds into a ten-second window.</summary>
    private static readonly DateTimeOffset InWindow = new(2026, 12, 5, 8, 0, 2, TimeSpan.Zero);

    [Fact]
    public async Task Requests_for_a_file_within_one_window_send_one_message()
    {
        var clock = new ManualClock(InWindow);
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:SiteFileDelaySeconds"] = "10" }, clock);
        var requests = site.Get<SiteFileRequests>();

        var sent = 0;
        for (var render = 0; render < 5; render++)
        {
            clock.Now = InWindow.AddSeconds(render);
            sent += await requests.RequestAsync([SiteFileKey.Feeds, SiteFileKey.Tag("ports")], Cancellation);
        }

        Assert.Equal(2, sent);
        Assert.Equal(2, await MessagesAsync(site));
    }

    [Fact]
    public async Task A_request_in_the_next_window_sends_a_message_again()
    {
        var clock = new ManualClock(InWindow);
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:SiteFileDelaySeconds"] = "10" }, clock);
        var requests = site.Get<SiteFileRequests>();
        await requests.RequestAsync([SiteFileKey.Feeds], Cancellation);

        clock.Now = InWindow.AddSeconds(10);

        Assert.Equal(1, await requests.RequestAsync([SiteFileKey.Feeds], Cancellation));
        Assert.Equal(2, await MessagesAsync(site));
    }

    [Fact]
    public async Task While_the_instance_imports_a_tag_page_waits_for_the_import_window_and_the_feeds_for_the_short_one()
    {
        var clock = new ManualClock(InWindow);
        await using var site = new TestSite(azurite,
            new Dictionary<string, string?> { ["Publishing:SiteFileDelaySeconds"] = "10", ["Publishing:SiteFileImportDelaySeconds"] = "60" }, clock);
        var requests = site.Get<SiteFileRequests>();
        var imports = site.Get<ImportActivity>();

        var sent = new List<int>();
        for (var second = 0; second < 40; second += 5)
        {
            clock.Now = InWindow.AddSeconds(second);
            for (var ingest = 0; ingest < ImportActivity.ImportIngests; ingest++)
            {
                imports.Ingested();
            }
            sent.Add(await requests.RequestAsync([SiteFileKey.Feeds, SiteFileKey.Tag("ports")], Cancellation));
        }

        // 8:00:02 to 8:00:37: the feeds in four windows of ten seconds, the tag page in one of sixty.
        Assert.Equal([2, 0, 1, 0, 1, 0, 1, 0], sent);
    }

    [Fact]
    public async Task A_tag_page_asked_for_window_after_window_waits_twice_as_long_each_time_up_to_the_import_window()
    {
        var clock = new ManualClock(InWindow);
        await using var site = new TestSite(azurite,
            new Dictionary<string, string?> { ["Publishing:SiteFileDelaySeconds"] = "10", ["Publishing:SiteFileImportDelaySeconds"] = "60" }, clock);
        var requests = site.Get<SiteFileRequests>();

        var sent = new List<int>();
        for (var second = 0; second < 60; second += 5)
        {
            clock.Now = InWindow.AddSeconds(second);
            sent.Add(await requests.RequestAsync([SiteFileKey.Tag("ports")], Cancellation));
        }

        // 8:00:02 to 8:00:57: windows ending at 8:00:10, then of 20 s (to :20), 40 s (to :40), and 60 s (to 8:01:00).
        Assert.Equal([1, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0], sent);
    }

    [Fact]
    public async Task Without_a_window_every_request_sends_a_message()
    {
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:SiteFileDelaySeconds"] = "0" }, new ManualClock(InWindow));
        var requests = site.Get<SiteFileRequests>();

        await requests.RequestAsync([SiteFileKey.Feeds], Cancellation);
        await requests.RequestAsync([SiteFileKey.Feeds], Cancellation);

        Assert.Equal(2, await MessagesAsync(site));
    }

    /// <summary>Messages in the site-file queue, visible or not yet.</summary>
    private static async Task<int> MessagesAsync(TestSite site) =>
        (await site.Get<StorageClients>().SiteQueue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount;
}
