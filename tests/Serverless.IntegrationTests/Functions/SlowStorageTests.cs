using Serverless.Core.Http;
using Serverless.Core.Ingest;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Storage answering, but slower than <see cref="ServedResponses.StaleAfter"/> (a busy account, a machine under load):
/// readers get the last answer at once, and what the slow read finds is served as soon as it lands, so a change (here
/// an unpublish) is late by the read's time, never for as long as storage stays slow.
/// </summary>
public sealed class SlowStorageTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Each storage request's wait: a page's read (the record, at least) outlasts StaleAfter.</summary>
    private static readonly TimeSpan SlowRequest = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task An_unpublished_page_answers_410_once_a_slow_read_lands_and_keeps_answering_it()
    {
        var latency = new StorageLatency();
        await using var site = new TestSite(azurite, fault: latency);
        await site.PublishAsync("story.md", Samples.FrontMatterArticle("A story", extra: "slug: story"));
        Assert.Equal(200, (await site.GetPageAsync("story")).StatusCode);
        await site.Articles.DeleteBlobAsync("story.md", cancellationToken: Cancellation);
        await site.Get<ArticleIngester>().RemoveAsync("story.md", Cancellation);

        latency.Delay = SlowRequest;
        await Task.Delay(TimeSpan.FromSeconds(1.5), Cancellation); // past Site:ServerCacheSeconds, so the page is read again
        var whileReading = await site.GetPageAsync("story");
        var gone = await PollUntilGoneAsync(site, TimeSpan.FromSeconds(20));
        var later = await AnswersForAsync(site, TimeSpan.FromSeconds(4));

        Assert.Equal(200, whileReading.StatusCode);
        Assert.True(gone, "The page still answered 200 twenty seconds after the slow read began.");
        // The last answer is forgotten with the read that found the page gone: slow reads after it do not bring it back.
        Assert.All(later, status => Assert.Equal(410, status));
    }

    private static async Task<bool> PollUntilGoneAsync(TestSite site, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if ((await site.GetPageAsync("story")).StatusCode == 410)
            {
                return true;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), Cancellation);
        }
        return false;
    }

    private static async Task<List<int>> AnswersForAsync(TestSite site, TimeSpan duration)
    {
        var statuses = new List<int>();
        var deadline = DateTime.UtcNow + duration;
        while (DateTime.UtcNow < deadline)
        {
            statuses.Add((await site.GetPageAsync("story")).StatusCode);
            await Task.Delay(TimeSpan.FromMilliseconds(250), Cancellation);
        }
        return statuses;
    }
}
