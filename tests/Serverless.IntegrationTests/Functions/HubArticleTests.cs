using Azure.Data.Tables;
using Serverless.Core.Ingest;
using Serverless.Core.Parsing;
using Serverless.Core.Publishing;
using Serverless.Core.Render;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// A dossier page citing a thousand stories links every one: the record's values that grow with its links are kept in
/// blobs (<see cref="LargeProperties"/>) rather than overflowing the table row. The stories are seeded in batches as
/// ingest leaves them; the hub goes through both stages.
/// </summary>
public sealed class HubArticleTests(AzuriteFixture azurite) : IAsyncDisposable
{
    private const int Stories = 1_000;

    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    [Fact]
    public async Task Hub_citing_a_thousand_articles_links_every_one()
    {
        await SeedStoriesAsync();
        // The stories' titles are accented: JSON writes each non-ASCII character as a six-character escape.
        var related = string.Join(", ", Enumerable.Range(0, Stories).Select(number => $"retrospective-{number:D4}"));

        var result = await _site.TriggerIngestAsync(await _site.UploadAsync("dossier.md", Samples.FrontMatterArticle("Le dossier de l'année", extra: $"slug: dossier\nrelated: [{related}]")));
        Assert.Equal(PublishStatus.Published, result.Status);
        Assert.Equal(RenderStatus.Rendered, (await _site.Get<OutputPublisher>().RenderAsync("dossier", Cancellation)).Status);

        var (status, api) = await _site.GetArticleJsonAsync("dossier");
        Assert.Equal(200, status);
        var links = api.GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(Stories, links.Count(link => link.GetProperty("resolved").GetBoolean() && link.GetProperty("slug").GetString()!.StartsWith("retrospective-", StringComparison.Ordinal)));
        var page = (await _site.GetPageAsync("dossier")).Body;
        Assert.Equal(Stories, Enumerable.Range(0, Stories).Count(number => page.Contains($"href=\"/articles/retrospective-{number:D4}\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Hub_record_keeps_its_long_values_in_blobs_and_the_row_under_the_property_limit()
    {
        await SeedStoriesAsync();
        var related = string.Join(", ", Enumerable.Range(0, Stories).Select(number => $"retrospective-{number:D4}"));

        await _site.TriggerIngestAsync(await _site.UploadAsync("dossier.md", Samples.FrontMatterArticle("Le dossier de l'année", extra: $"slug: dossier\nrelated: [{related}]")));
        await _site.Get<OutputPublisher>().RenderAsync("dossier", Cancellation);

        var articles = _site.Get<StorageClients>().ArticlesTable;
        var record = (await articles.GetEntityAsync<TableEntity>("dossier", TableKeys.ArticleRow, cancellationToken: Cancellation)).Value;
        var outputs = (await articles.GetEntityAsync<TableEntity>("dossier", TableKeys.OutputsRow, cancellationToken: Cancellation)).Value;
        Assert.All(record.Concat(outputs).Select(property => property.Value).OfType<string>(),
            value => Assert.True(value.Length <= LargeProperties.MaxInlineLength, $"{value.Length} characters in a row"));
        Assert.StartsWith("@blob:", record.GetString(nameof(ArticleEntity.LinksJson)), StringComparison.Ordinal);
        Assert.StartsWith("@blob:", outputs.GetString(nameof(ArticleOutputsEntity.RenderedLinksJson)), StringComparison.Ordinal);
    }

    /// <summary>Published stories, as ingest leaves their records, in batches.</summary>
    private async Task SeedStoriesAsync()
    {
        var storage = _site.Get<StorageClients>();
        await storage.EnsureCreatedAsync(Cancellation);
        var parser = _site.Get<ArticleParser>();
        var version = _site.Get<PipelineVersion>();
        var created = new DateTimeOffset(2025, 1, 1, 8, 0, 0, TimeSpan.Zero);
        var records = Enumerable.Range(0, Stories).Select(number =>
        {
            var blobName = $"stories/{number:D4}.md";
            var article = parser.Parse(new ArticleSource(blobName, $"# Rétrospective n° {number} : l'année écoulée\n\nCe qui a marqué l'année.", created, created)) with { Slug = $"retrospective-{number:D4}" };
            var record = new ArticleEntity { PartitionKey = article.Slug };
            ArticleRecords.Fill(record, article, blobName, created, "seed/story.html", ArticleRecords.Hash(article, "seed/story.html", version.Ingest), new Dictionary<string, double>(), weighedCorpus: 0);
            return record;
        });
        await Parallel.ForEachAsync(records, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Cancellation }, async (record, token) =>
            await storage.ArticlesTable.UpsertEntityAsync(record, TableUpdateMode.Replace, token));
    }
}
