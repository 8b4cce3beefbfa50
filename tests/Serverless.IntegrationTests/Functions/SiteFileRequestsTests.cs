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
