using Serverless.Core.Admin;
using Serverless.Core.Ingest;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// An article dated in the future is not public until its date: no page, in no listing, feed or sitemap. When the
/// date comes, reconciliation publishes it without a re-upload.
/// </summary>
public sealed class ScheduledArticlesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2024, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private TestSite _site = null!;

    public async ValueTask InitializeAsync()
    {
        _site = new TestSite(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" }, _clock);
        await _site.PublishAsync("today.md", Samples.Article("Out today", "2024-12-01T07:00:00Z", "[azure]", "slug: out-today"));
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task<string> FeedAsync() => (await _site.GetSiteFileAsync("/feed.xml")).Body;

    [Fact]
    public async Task Future_dated_article_is_scheduled_and_public_nowhere()
    {
        var result = await _site.PublishAsync("later.md", Samples.Article("Out later", "2024-12-05T09:00:00Z", "[azure]", "slug: out-later"));

        Assert.Equal(PublishStatus.Scheduled, result.Status);
        Assert.Equal("Scheduled: public from 2024-12-05 09:00 UTC.", result.Message);
        Assert.Equal(404, (await _site.GetPageAsync("out-later")).StatusCode);
        Assert.DoesNotContain("out-later", await FeedAsync(), StringComparison.Ordinal);
        Assert.Contains("out-today", await FeedAsync(), StringComparison.Ordinal);
        Assert.Equal(PublicationState.Scheduled, (await _site.Get<PublicationStatusReader>().ForBlobAsync("later.md", TestContext.Current.CancellationToken))!.State);
    }

    [Fact]
    public async Task Scheduled_article_is_published_by_reconciliation_when_its_date_comes()
    {
        await _site.PublishAsync("later.md", Samples.Article("Out later", "2024-12-05T09:00:00Z", "[azure]", "slug: out-later"));
        await _site.Get<ArticleReconciler>().ReconcileAsync(TestContext.Current.CancellationToken);
        Assert.Equal(404, (await _site.GetPageAsync("out-later")).StatusCode);

        _clock.Now = new DateTimeOffset(2024, 12, 5, 9, 0, 1, TimeSpan.Zero);
        await _site.Get<ArticleReconciler>().ReconcileAsync(TestContext.Current.CancellationToken);
        await _site.DrainRenderQueueAsync();

        Assert.Equal(200, (await _site.GetPageAsync("out-later")).StatusCode);
        Assert.Contains("out-later", await FeedAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Published_article_redated_to_the_future_is_taken_down_until_then()
    {
        await _site.PublishAsync("today.md", Samples.Article("Out today", "2024-12-09T07:00:00Z", "[azure]", "slug: out-today"));

        Assert.Equal(404, (await _site.GetPageAsync("out-today")).StatusCode);
        Assert.DoesNotContain("out-today", await FeedAsync(), StringComparison.Ordinal);
    }
}
