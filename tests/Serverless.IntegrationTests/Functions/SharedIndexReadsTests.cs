using Serverless.Core.Render;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Renders on one instance share their reads of the keyword index (<see cref="IndexReadCache"/>): a render uses a
/// partition another read after the change that asked for it, and reads it again when the change came later. In a
/// burst, the pages of one topic then read its partitions about once.
/// </summary>
public sealed class SharedIndexReadsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Body = "Quokkas wander through eucalyptus groves near the Rottnest lighthouse while ferries unload cyclists at dawn.";
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private TestSite _site = null!;
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _site = new TestSite(azurite, time: _clock);
        // Two articles with the same words and tags: the same keyword and tag partitions.
        await _site.PublishAsync("first.md", Samples.FrontMatterArticle("Quokkas at dawn", Body));
        await _site.PublishAsync("second.md", Samples.FrontMatterArticle("Ferries at dawn", Body));
    }

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private string KeywordsTable => _site.Settings["Storage:KeywordsTable"]!;

    /// <summary>
    /// The previous/next links' two queries of the first tag's neighbour index, in the keywords table too: a page's own,
    /// never shared (benchmarks/README.md, "Neighbours from ingest").
    /// </summary>
    private const int NeighbourQueries = 2;

    private async Task<int> KeywordReadsOfRenderAsync(string slug, DateTimeOffset changedAt)
    {
        _site.Requests.Reset();
        await _site.Get<OutputPublisher>().RenderAsync(slug, Cancellation, enqueuedAt: changedAt);
        return _site.Requests.To(KeywordsTable);
    }

    [Fact]
    public async Task A_render_uses_the_partitions_another_read_after_the_change_that_asked_for_it()
    {
        var changedAt = _clock.Now;
        _clock.Now += TimeSpan.FromSeconds(5);

        var first = await KeywordReadsOfRenderAsync("quokkas-at-dawn", changedAt);
        var second = await KeywordReadsOfRenderAsync("ferries-at-dawn", changedAt);

        Assert.True(first > NeighbourQueries, "the first render reads the partitions");
        Assert.Equal(NeighbourQueries, second);
    }

    [Fact]
    public async Task A_render_asked_for_by_a_later_change_reads_the_partitions_again()
    {
        _clock.Now += TimeSpan.FromSeconds(5);
        var first = await KeywordReadsOfRenderAsync("quokkas-at-dawn", _clock.Now - TimeSpan.FromSeconds(5));

        // A change made as the first render read: its reads may have missed it.
        var second = await KeywordReadsOfRenderAsync("ferries-at-dawn", _clock.Now);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_page_rendered_from_shared_reads_says_its_inputs_are_as_old_as_the_oldest_of_them()
    {
        var changedAt = _clock.Now;
        await _site.TriggerIngestAsync(await _site.UploadAsync("third.md", Samples.FrontMatterArticle("Cyclists at dawn", Body)));
        _clock.Now += TimeSpan.FromSeconds(5);
        var readAt = _clock.Now;
        await KeywordReadsOfRenderAsync("quokkas-at-dawn", changedAt);
        _clock.Now += TimeSpan.FromSeconds(5);

        var reads = await KeywordReadsOfRenderAsync("cyclists-at-dawn", changedAt);

        var stored = await _site.Get<ArticleRepository>().GetStoredArticleAsync("cyclists-at-dawn", Cancellation);
        Assert.Equal(NeighbourQueries, reads);
        Assert.NotNull(stored!.Outputs.PageBlob);
        Assert.Equal(readAt, stored.Outputs.InputsReadAt);
    }
}
