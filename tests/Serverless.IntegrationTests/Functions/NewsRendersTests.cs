using Serverless.Core.Ingest;
using Serverless.Core.Render;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// News (an article dated within <c>Publishing:NewsRenderWindowHours</c>) is rendered by its ingest, so that breaking
/// news uploaded during an archive import is not served after the import's queued renders; an archive article waits
/// for its render message, and the news article's message finds its page already rendered.
/// </summary>
public sealed class NewsRendersTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Publishing:NewsRenderWindowHours"] = "48" });

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private static string Article(string slug, DateTimeOffset date) => $"""
        ---
        title: "Dernière minute {slug}"
        slug: {slug}
        date: {date:yyyy-MM-dd'T'HH:mm:ss'Z'}
        lang: fr
        ---
        Le texte de l'article {slug}, publié à la date qu'il dit.
        """;

    [Fact]
    public async Task A_news_article_is_served_when_its_ingest_returns()
    {
        var result = await _site.TriggerIngestAsync(await _site.UploadAsync("breaking.md", Article("breaking", DateTimeOffset.UtcNow.AddMinutes(-1))));

        Assert.Equal(PublishStatus.Published, result.Status);
        Assert.Equal(200, (await _site.GetPageAsync("breaking")).StatusCode);
    }

    /// <summary>
    /// Dated to the second of its upload, as an author's "now" usually is: storage gives the creation time to the second,
    /// so the date is the same value, and still the author's.
    /// </summary>
    [Fact]
    public async Task News_its_author_dated_is_served_when_its_ingest_returns_even_during_an_import()
    {
        ImportUnderway();

        var blob = await _site.UploadAsync("breaking.md", Article("breaking", DateTimeOffset.UtcNow));
        await _site.TriggerIngestAsync(blob);

        Assert.NotNull((await StoredAsync("breaking")).Outputs.PageBlob);
    }

    [Fact]
    public async Task An_article_dated_by_its_upload_is_news_served_when_its_ingest_returns()
    {
        await _site.TriggerIngestAsync(await _site.UploadAsync("undated.txt", "Une dépêche sans date\n\nLe texte d'une dépêche exportée sans date."));

        Assert.NotNull((await StoredAsync("une-depeche-sans-date")).Outputs.PageBlob);
    }

    [Fact]
    public async Task An_archive_article_waits_for_its_render_message()
    {
        await _site.TriggerIngestAsync(await _site.UploadAsync("archive.md", Article("archive", DateTimeOffset.UtcNow.AddDays(-3))));

        // Read from the record, not over HTTP: the 404 answered before the render would be cached.
        var article = await _site.Get<ArticleRepository>().GetStoredArticleAsync("archive", TestContext.Current.CancellationToken);
        Assert.Null(article!.Outputs.PageBlob);
        var renders = await _site.DrainRenderQueueAsync();
        Assert.Equal(RenderStatus.Rendered, Assert.Single(renders, render => render.Slug == "archive").Status);
    }

    [Fact]
    public async Task An_archive_articles_own_render_waits_the_render_delay_with_its_neighbours()
    {
        await _site.TriggerIngestAsync(await _site.UploadAsync("archive.md", Article("archive", DateTimeOffset.UtcNow.AddDays(-3))));

        var queue = _site.Get<StorageClients>().RenderQueue;
        Assert.Equal(1, (await queue.GetPropertiesAsync(TestContext.Current.CancellationToken)).Value.ApproximateMessagesCount);
        Assert.Empty((await queue.ReceiveMessagesAsync(cancellationToken: TestContext.Current.CancellationToken)).Value);
    }

    /// <summary>Read from the record, not over HTTP: a 404 answered before the render would be cached.</summary>
    private async Task<StoredArticle> StoredAsync(string slug) =>
        (await _site.Get<ArticleRepository>().GetStoredArticleAsync(slug, TestContext.Current.CancellationToken))!;

    private void ImportUnderway()
    {
        var settlement = _site.Get<ImportSettlement>();
        for (var ingest = 0; ingest < ImportActivity.ImportIngests; ingest++)
        {
            settlement.Ingested();
        }
        Assert.True(settlement.ImportUnderway);
    }

    [Fact]
    public async Task The_render_message_of_a_news_article_is_taken_back_once_its_ingest_has_rendered_the_page()
    {
        await _site.TriggerIngestAsync(await _site.UploadAsync("breaking.md", Article("breaking", DateTimeOffset.UtcNow)));

        var messages = (await _site.Get<StorageClients>().RenderQueue.PeekMessagesAsync(32, Cancellation)).Value.Select(message => RenderMessage.Parse(message.Body.ToString()));

        Assert.DoesNotContain(messages, message => message.Slug == "breaking");
        Assert.Equal(0, (await _site.Get<StorageClients>().RenderQueue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task The_render_message_of_a_news_article_waits_unseen_while_its_ingest_renders_the_page()
    {
        var fallback = await _site.Get<RenderQueueClient>().SendFallbackAsync("breaking", NewsRenders.FallbackAfter, Cancellation);

        Assert.Empty((await _site.Get<StorageClients>().RenderQueue.ReceiveMessagesAsync(32, cancellationToken: Cancellation)).Value);
        await _site.Get<RenderQueueClient>().ShowNowAsync(fallback, Cancellation);
        Assert.Equal("breaking", RenderMessage.Parse(Assert.Single((await _site.Get<StorageClients>().RenderQueue.ReceiveMessagesAsync(32, cancellationToken: Cancellation)).Value).Body.ToString()).Slug);
    }
}
