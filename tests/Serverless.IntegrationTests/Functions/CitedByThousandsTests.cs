using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Core.Ingest;
using Serverless.Core.Linking;
using Serverless.Core.Parsing;
using Serverless.Core.Publishing;
using Serverless.Core.Render;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.LocalServer.Azurite;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// A story cited by thousands of pages: retitling or deleting it reaches every one, through citing-pages messages that
/// read the citations index a page at a time to its end (<see cref="CitingPagesFanout"/>). The citing pages are seeded
/// in batches as ingest leaves them; an Azurite of its own, as they are thousands of renders. By default 125 pages in
/// pages of 50 (three pages: the same paging, a twentieth of the renders); <c>SERVERLESS_NEWSROOM_SCALE=1</c> runs 2,500
/// pages with the default page size of 999, about 15 minutes on two cores.
/// </summary>
public sealed class CitedByThousandsTests : IAsyncLifetime
{
    private static readonly bool NewsroomScale = Environment.GetEnvironmentVariable("SERVERLESS_NEWSROOM_SCALE") == "1";

    /// <summary>Over two pages of citations, so the last page is reached only by following the fan-out.</summary>
    private static readonly int CitingCount = NewsroomScale ? 2_500 : 125;

    /// <summary>The option's default at newsroom scale.</summary>
    private static readonly string? CitationPageSize = NewsroomScale ? null : "50";

    private const string Target = """
        ---
        title: "Le port de Brest rouvre"
        slug: port
        date: 2025-03-02T08:00:00+01:00
        lang: fr
        ---
        Après trois mois de travaux, le port de commerce de Brest rouvre ses quais aux cargos et aux ferries.
        """;

    private AzuriteProcess? _azurite;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _azurite = await AzuriteProcess.StartAsync(new AzuriteStartOptions(), NullLogger.Instance, Cancellation);

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Retitling_an_article_cited_by_thousands_of_pages_shows_its_new_title_on_every_one()
    {
        await using var site = await CitedSiteAsync();

        await site.PublishAsync("port.md", Target.Replace("Le port de Brest rouvre", "Le port de Brest rouvre ses quais", StringComparison.Ordinal), concurrency: 8);

        var citing = await CitingLinksAsync(site);
        Assert.Equal(CitingCount, citing.Count);
        Assert.All(citing, link => Assert.Equal(("port", "Le port de Brest rouvre ses quais"), (link.Slug, link.Title)));
    }

    [Fact]
    public async Task Deleting_an_article_cited_by_thousands_of_pages_unlinks_it_on_every_one()
    {
        await using var site = await CitedSiteAsync();

        await site.Articles.DeleteBlobAsync("port.md", cancellationToken: Cancellation);
        await site.Get<ArticleIngester>().RemoveAsync("port.md", Cancellation);
        await site.DrainRenderQueueAsync(concurrency: 8);

        var citing = await CitingLinksAsync(site);
        Assert.Equal(CitingCount, citing.Count);
        Assert.All(citing, link => Assert.Null(link.Slug));
    }

    [Fact]
    public async Task An_article_cited_by_thousands_of_pages_lists_the_newest_and_counts_the_others()
    {
        await using var site = await CitedSiteAsync();

        await site.Get<RenderQueueClient>().EnqueueAsync(["port"], Cancellation);
        await site.DrainRenderQueueAsync();

        // The citing pages were published a minute apart, quais-0000 first: the newest are the highest numbers.
        var newest = Enumerable.Range(CitingCount - RenderInputs.MaxBacklinks, RenderInputs.MaxBacklinks).Reverse().Select(number => $"quais-{number:D4}").ToList();
        var (_, api) = await site.GetArticleJsonAsync("port");
        Assert.Equal(newest, api.GetProperty("backlinks").EnumerateArray().Select(backlink => backlink.GetProperty("slug").GetString()));
        Assert.Equal(CitingCount - RenderInputs.MaxBacklinks, api.GetProperty("moreBacklinks").GetInt32());
        var page = (await site.GetPageAsync("port")).Body;
        Assert.Contains($"<li><a href=\"/articles/{newest[0]}\">Les quais, jour {CitingCount - 1}</a></li>\n<li><a href=\"/articles/{newest[1]}\">", page, StringComparison.Ordinal);
        var others = (CitingCount - RenderInputs.MaxBacklinks).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("fr"));
        Assert.Contains($"</ul>\n<p>Et dans {others} autres articles.</p>\n</aside>", page, StringComparison.Ordinal);
    }

    /// <summary>The article published, then <see cref="CitingCount"/> pages citing it by slug, each rendered once.</summary>
    private async Task<TestSite> CitedSiteAsync()
    {
        var settings = TestSite.StorageSettings(_azurite!.ConnectionString);
        settings["Publishing:CitationPageSize"] = CitationPageSize;
        var site = new TestSite(_azurite.ConnectionString, settings);
        await site.PublishAsync("port.md", Target);
        await SeedCitingPagesAsync(site);
        var initial = await site.Get<RenderQueueClient>().EnqueueAsync([], Cancellation, citing: [new CitingPages(ReferenceKeys.Slug("port"))]);
        Assert.Equal(1, initial);
        await site.DrainRenderQueueAsync(concurrency: 8);
        var links = await CitingLinksAsync(site);
        Assert.Equal(CitingCount, links.Count(link => link is { Slug: "port", Title: "Le port de Brest rouvre" }));
        return site;
    }

    /// <summary>The citing pages' records, sources' index rows and one shared body, as ingest writes them, in batches.</summary>
    private static async Task SeedCitingPagesAsync(TestSite site)
    {
        var storage = site.Get<StorageClients>();
        var parser = site.Get<ArticleParser>();
        var version = site.Get<PipelineVersion>();
        var index = site.Get<ArticleIndex>();
        var created = new DateTimeOffset(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);
        const string bodyBlob = "seed/citing.html";
        await storage.Bodies.GetBlobClient(bodyBlob).UploadAsync(BinaryData.FromString("<p>Sur les quais.</p>"), overwrite: true, Cancellation);
        var records = new List<ArticleEntity>();
        var rows = new List<ArticleIndex.Entry>();
        for (var number = 0; number < CitingCount; number++)
        {
            var blobName = $"citing/{number:D4}.md";
            var article = parser.Parse(new ArticleSource(blobName, $"""
                ---
                title: "Les quais, jour {number}"
                slug: quais-{number:D4}
                date: {created.AddMinutes(number):O}
                lang: fr
                related: [port]
                ---
                Sur les quais.
                """, created, created));
            var record = new ArticleEntity { PartitionKey = article.Slug };
            ArticleRecords.Fill(record, article, blobName, created, bodyBlob, ArticleRecords.Hash(article, bodyBlob, version.Ingest), new Dictionary<string, double>(), weighedCorpus: 0);
            var entries = ArticleRecords.IndexEntries(record).ToList();
            record.Indexed = new IndexState([.. entries.Select(ArticleIndex.RowOf)], [], InCorpus: false);
            records.Add(record);
            rows.AddRange(entries);
        }
        var writes = rows.Select(row => (Table: index.Table(row.Table), row.Entity))
            .Concat(records.Select(record => (Table: storage.ArticlesTable, Entity: (ITableEntity)record)))
            .GroupBy(row => (row.Table.Name, row.Entity.PartitionKey))
            .SelectMany(group => group.Chunk(100).Select(chunk => (group.First().Table, Entities: chunk.Select(row => row.Entity).ToList())));
        await Parallel.ForEachAsync(writes, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Cancellation }, async (batch, token) =>
            await batch.Table.SubmitTransactionAsync(batch.Entities.Select(entity => new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity)), token));
    }

    /// <summary>The "read also" link of every citing page, as last rendered: one query of the articles table's outputs rows.</summary>
    private static async Task<List<RenderedLink>> CitingLinksAsync(TestSite site)
    {
        var links = new List<RenderedLink>();
        await foreach (var outputs in site.Get<StorageClients>().ArticlesTable.QueryAsync<ArticleOutputsEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey ge {"quais-"} and PartitionKey lt {"quais."} and RowKey eq {TableKeys.OutputsRow}"), cancellationToken: Cancellation))
        {
            Assert.NotNull(outputs.PageBlob);
            links.Add(Assert.Single(outputs.Rendered.Links));
        }
        Assert.Equal(CitingCount, links.Count);
        return links;
    }
}
