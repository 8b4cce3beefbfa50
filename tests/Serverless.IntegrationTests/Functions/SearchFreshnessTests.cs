using Serverless.Core.Ingest;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// An article is searchable within 60 s of its upload, and leaves the results within 60 s of being made a draft,
/// scheduled or deleted. Each waits by asking again, as a reader would, never by a timed assertion: the limit is the
/// requirement itself, and an instance reads the changes every 2 s (Search:RefreshSeconds).
/// </summary>
public sealed class SearchFreshnessTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSite _site = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private const string Query = "q=ostreiculteurs+cancale";

    private static string Oysters(string extra = "", string date = "2025-03-02T08:00:00+01:00") => $"""
        ---
        title: "Les ostréiculteurs de Cancale inquiets"
        date: {date}
        lang: fr
        {extra}
        ---
        Les ostréiculteurs de la baie de Cancale redoutent un hiver difficile après les tempêtes.
        """;

    public async ValueTask InitializeAsync()
    {
        _site = new TestSite(azurite);
        // Asked once before the article exists: the instance holds an index from then on, as a warm one does.
        Assert.Empty(await SearchTests.SlugsAsync(_site, Query));
        await _site.PublishAsync("huitres.md", Oysters());
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task<bool> FoundWithinLimitAsync(bool expected)
    {
        var deadline = DateTimeOffset.UtcNow + Limit;
        while (true)
        {
            var found = (await SearchTests.SlugsAsync(_site, Query)).Contains("les-ostreiculteurs-de-cancale-inquiets");
            if (found == expected || DateTimeOffset.UtcNow > deadline)
            {
                return found;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), Cancellation);
        }
    }

    [Fact]
    public async Task A_published_article_is_found_by_an_instance_that_searched_before() =>
        Assert.True(await FoundWithinLimitAsync(expected: true));

    [Fact]
    public async Task An_article_made_a_draft_leaves_the_results()
    {
        Assert.True(await FoundWithinLimitAsync(expected: true));

        await _site.PublishAsync("huitres.md", Oysters("draft: true"));

        Assert.False(await FoundWithinLimitAsync(expected: false));
    }

    [Fact]
    public async Task An_article_scheduled_for_later_leaves_the_results()
    {
        Assert.True(await FoundWithinLimitAsync(expected: true));

        await _site.PublishAsync("huitres.md", Oysters(date: "2099-01-01T08:00:00Z"));

        Assert.False(await FoundWithinLimitAsync(expected: false));
    }

    [Fact]
    public async Task A_deleted_article_leaves_the_results()
    {
        Assert.True(await FoundWithinLimitAsync(expected: true));

        await _site.Get<ArticleIngester>().RemoveAsync("huitres.md", Cancellation);
        await _site.DrainRenderQueueAsync();

        Assert.False(await FoundWithinLimitAsync(expected: false));
    }
}
