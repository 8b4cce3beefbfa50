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
