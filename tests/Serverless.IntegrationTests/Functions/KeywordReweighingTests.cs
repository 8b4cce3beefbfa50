using Azure.Data.Tables;
using Serverless.Core.Linking;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Keyword weights follow the corpus (<c>KeywordReweigher</c>): an article weighed when it was nearly alone is weighed
/// again each time the corpus doubles, on Azurite, through the render queue's chain of re-weighing messages. How close
/// this brings related lists to a full batch is measured over 10,000 articles by <c>RelatednessAgreementTests</c>.
/// </summary>
public sealed class KeywordReweighingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestSite _site = new(azurite);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Eight short articles on the harbour, sharing some words and each with words of its own.</summary>
    private static string Article(int number) => $"""
        ---
        title: "Le port, épisode {number}"
        slug: port-{number}
        date: 2025-03-0{number + 1}T08:00:00+01:00
        lang: fr
        tags: [port]
        ---
        Les dockers du port déchargent les cargos {Words(number)}. Les grues du quai {Words(number + 1)} tournent la nuit.
        """;

    private static string Words(int number) => string.Join(' ', Enumerable.Range(0, 3).Select(word => $"mot{(char)('a' + number)}{(char)('a' + word)}"));

    [Fact]
    public async Task Keywords_weighed_in_a_small_corpus_are_weighed_again_as_it_doubles()
    {
        for (var number = 0; number < 8; number++)
        {
            await _site.PublishAsync($"port-{number}.md", Article(number));
        }

        var records = await RecordsAsync();
        var first = records.Single(record => record.Slug == "port-0");
        Assert.Equal(8, first.WeighedCorpus);
        Assert.Equal(Batch(records, first), first.Keywords);
    }

    [Fact]
    public async Task An_article_weighed_again_is_found_by_its_new_weights()
    {
        for (var number = 0; number < 8; number++)
        {
            await _site.PublishAsync($"port-{number}.md", Article(number));
        }

        var first = (await RecordsAsync()).Single(record => record.Slug == "port-0");
        var keywords = _site.Get<StorageClients>().KeywordsTable;
        foreach (var (term, weight) in first.Keywords)
        {
            var row = await keywords.GetEntityAsync<KeywordEntity>(TableKeys.KeywordPartition(term), TableKeys.KeywordRow(weight, "port-0"), cancellationToken: Cancellation);
            Assert.Equal(first.Keywords, row.Value.Profile().Keywords);
        }
        var generation = TableKeys.WeighingPartition(RelatedArticles.Generation(8));
        Assert.NotNull((await keywords.GetEntityIfExistsAsync<KeywordEntity>(generation, "port-0", cancellationToken: Cancellation)).Value);
        Assert.Equal(first.Indexed.Rows.Count(row => row.Table == IndexTable.Keywords), await CountRowsAsync(keywords, "port-0"));
    }

    /// <summary>
    /// A chain asked for during an import (a corpus of 6) finds the corpus grown since (7, the same step of size): it asks
    /// again, shown after the settle delay, rather than weighing articles the import will take past another step.
    /// </summary>
    [Fact]
    public async Task A_re_weighing_asked_during_an_import_waits_while_the_corpus_grows()
    {
        await PublishAsync(count: 7);

        await _site.Get<Serverless.Core.Render.KeywordReweigher>().ContinueAsync(KeywordReweighing.FromOldestOnceSettled(6, DateTimeOffset.UtcNow), Cancellation);

        var queue = _site.Get<StorageClients>().RenderQueue;
        Assert.Equal(1, (await queue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount);
        Assert.Empty((await queue.ReceiveMessagesAsync(cancellationToken: Cancellation)).Value);
    }

    [Fact]
    public async Task A_re_weighing_goes_ahead_once_the_corpus_has_not_grown_since_it_was_asked()
    {
        await PublishAsync(count: 7);

        await _site.Get<Serverless.Core.Render.KeywordReweigher>().ContinueAsync(KeywordReweighing.FromOldestOnceSettled(7, DateTimeOffset.UtcNow), Cancellation);

        // Nothing is due in a corpus weighed step by step: the chain ends at once, asking for nothing more.
        Assert.Equal(0, (await _site.Get<StorageClients>().RenderQueue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task A_re_weighing_waits_for_an_import_no_longer_than_the_longest_render_delay()
    {
        await PublishAsync(count: 7);
        var askedAt = DateTimeOffset.UtcNow - _site.Get<RenderQueueClient>().MaxDelay - TimeSpan.FromSeconds(1);

        await _site.Get<Serverless.Core.Render.KeywordReweigher>().ContinueAsync(KeywordReweighing.FromOldestOnceSettled(6, askedAt), Cancellation);

        Assert.Equal(0, (await _site.Get<StorageClients>().RenderQueue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount);
    }

    /// <summary>
    /// On the instance holding an import's renders, the chain waits past the longest render delay: the settlement of a
    /// large import weighs for many minutes, and the chain weighing the same articles meanwhile writes their rows twice.
    /// </summary>
    [Fact]
    public async Task A_re_weighing_waits_past_the_longest_render_delay_on_the_instance_holding_an_import()
    {
        await PublishAsync(count: 7);
        var settlement = _site.Get<Serverless.Core.Render.ImportSettlement>();
        for (var ingest = 0; ingest < ImportActivity.ImportIngests; ingest++)
        {
            settlement.Ingested();
        }
        await _site.Get<RenderQueueClient>().EnqueueAsync(["port-0"], Cancellation, delayed: true);
        var askedAt = DateTimeOffset.UtcNow - _site.Get<RenderQueueClient>().MaxDelay - TimeSpan.FromSeconds(1);

        await _site.Get<Serverless.Core.Render.KeywordReweigher>().ContinueAsync(KeywordReweighing.FromOldestOnceSettled(7, askedAt), Cancellation);

        // The held render, and the chain asking again.
        Assert.Equal(2, (await _site.Get<StorageClients>().RenderQueue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount);
    }

    private async Task PublishAsync(int count)
    {
        for (var number = 0; number < count; number++)
        {
            await _site.PublishAsync($"port-{number}.md", Article(number));
        }
    }

    /// <summary>The keywords a full computation over the corpus gives the article: frequencies counted over every record.</summary>
    private static IReadOnlyDictionary<string, double> Batch(IReadOnlyList<ArticleEntity> records, ArticleEntity article)
    {
        var documentFrequency = records.SelectMany(record => record.TermFrequencies.Keys).GroupBy(term => term, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
        return RelatedArticles.WeighKeywords(article.TermFrequencies, term => documentFrequency[term], records.Count);
    }

    private async Task<IReadOnlyList<ArticleEntity>> RecordsAsync()
    {
        var repository = _site.Get<ArticleRepository>();
        return await Task.WhenAll(Enumerable.Range(0, 8).Select(async number => (await repository.GetArticleAsync($"port-{number}", Cancellation))!));
    }

    /// <summary>Every keywords-table row of the article, whatever its partition: none is left behind by a re-weighing.</summary>
    private static async Task<int> CountRowsAsync(TableClient keywords, string slug)
    {
        var count = 0;
        await foreach (var _ in keywords.QueryAsync<KeywordEntity>(TableClient.CreateQueryFilter($"Slug eq {slug}"), cancellationToken: Cancellation))
        {
            count++;
        }
        return count;
    }
}
