using Serverless.Core.Ingest;
using Serverless.Core.Render;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// An archive import renders each page at most twice: the renders of the pages it reaches are held while it runs, the
/// keywords due are weighed again against the grown corpus once it is quiet, and only then are the renders let go
/// (<see cref="ImportSettlement"/>). Published one by one, the same articles render their related pages again and
/// again as each arrives.
/// </summary>
public sealed class ImportSettlementTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private const int Articles = 30;

    /// <remarks>
    /// Tagged, so the pages also link their previous and next articles in a tag: found in the index ingest writes, they
    /// do not render again as their neighbours' renders land.
    /// </remarks>
    [Fact]
    public async Task An_import_of_cross_linked_articles_renders_each_page_at_most_twice()
    {
        await using var site = new TestSite(azurite);
        var corpus = await UploadAsync(site, Articles);

        var renders = await ImportWhileRenderingAsync(site, corpus);

        var rendersPerPage = renders.Where(render => render.Status == RenderStatus.Rendered).GroupBy(render => render.Slug).ToDictionary(group => group.Key, group => group.Count());
        TestContext.Current.TestOutputHelper?.WriteLine($"Renders per page (renders: pages): {string.Join(", ", rendersPerPage.Values.GroupBy(count => count).OrderBy(group => group.Key).Select(group => $"{group.Key}: {group.Count()}"))}");
        Assert.Equal(corpus.Select(article => article.Slug).Order(StringComparer.Ordinal), rendersPerPage.Keys.Order(StringComparer.Ordinal));
        Assert.All(rendersPerPage, page => Assert.InRange(page.Value, 1, 2));
    }

    /// <summary>
    /// What a small import (30 articles) costs per article, everything the test site does counted (ingest, renders,
    /// site files, queues): measured at <see cref="ImportRequestsPerArticle"/> (156–160 run alone, 141 in a CI run beside other tests: when the renders
    /// land against the settlement moves it; 166 before session 13's cuts, 203–212 before the settlement read the indexes whole for the
    /// renders and for the pages new articles affect), asserted within 15 % so that a change that moves it says so. A small import pays more per article than a large one, its first ten
    /// rendered before the import is seen (benchmarks/README.md: 58 at 100; 38–39 at 1,000 in session 15's runs, about one more since the neighbour rows went back to the ingest, within the issue's bound of 40; 156 here).
    /// </summary>
    [Fact]
    public async Task An_import_costs_the_documented_storage_requests_per_article()
    {
        await using var site = new TestSite(azurite);
        var corpus = await UploadAsync(site, Articles);
        site.Requests.Reset();

        await ImportWhileRenderingAsync(site, corpus);

        var perArticle = (double)site.Requests.Total / Articles;
        TestContext.Current.TestOutputHelper?.WriteLine($"{perArticle:0.0} requests per article ({site.Requests.Breakdown})");
        Assert.InRange(perArticle, ImportRequestsPerArticle * 0.85, ImportRequestsPerArticle * 1.15);
    }

    private const double ImportRequestsPerArticle = 152;

    [Fact]
    public async Task Keywords_weighed_in_a_small_corpus_are_weighed_again_before_the_held_renders_go()
    {
        await using var site = new TestSite(azurite);
        var corpus = await ImportMergedAsync(site, Articles);

        await site.Get<ImportSettlement>().SettleAsync(Cancellation);

        var corpusNow = await site.Get<DocumentFrequencies>().CorpusAsync(Cancellation);
        var repository = site.Get<ArticleRepository>();
        foreach (var article in corpus)
        {
            var record = await repository.GetArticleAsync(article.Slug, Cancellation);
            Assert.False(Core.Linking.RelatedArticles.IsDue(Core.Linking.RelatedArticles.Generation(record!.WeighedCorpus), corpusNow),
                $"{article.Slug} was weighed against {record.WeighedCorpus} articles, due again in a corpus of {corpusNow}");
        }
    }

    [Fact]
    public async Task An_article_ingested_during_an_import_leaves_its_keywords_to_the_settlement_and_asks_the_chain_in_case_it_does_not_come()
    {
        await using var site = new TestSite(azurite);
        var settlement = site.Get<ImportSettlement>();
        ImportUnderway(settlement);
        var articles = new[] { SyntheticCorpus.LinkedArticle(0, 2), SyntheticCorpus.LinkedArticle(1, 2) };
        var slug = articles[0].Slug;
        foreach (var article in articles)
        {
            await site.UploadAsync(article.BlobName, article.Content);
            await site.TriggerIngestAsync(site.Articles.GetBlobClient(article.BlobName));
        }

        var repository = site.Get<ArticleRepository>();
        var ingested = await repository.GetArticleAsync(slug, Cancellation);
        Assert.Empty(ingested!.Keywords);
        Assert.Equal(0, ingested.WeighedCorpus);
        var queued = (await site.Get<StorageClients>().RenderQueue.GetPropertiesAsync(Cancellation)).Value.ApproximateMessagesCount;
        Assert.True(queued >= 1, "the re-weighing chain is queued");
        await site.Get<DocumentFrequencyMerger>().MergeAsync(Cancellation);
        await settlement.SettleAsync(Cancellation);
        var settled = await repository.GetArticleAsync(slug, Cancellation);
        Assert.NotEmpty(settled!.Keywords);
    }

    [Fact]
    public async Task The_re_weighing_chain_leaves_an_import_to_the_settlement_of_the_instance_holding_its_renders()
    {
        await using var site = new TestSite(azurite);
        var settlement = site.Get<ImportSettlement>();
        ImportUnderway(settlement);
        var article = SyntheticCorpus.LinkedArticle(0, 2);
        await site.UploadAsync(article.BlobName, article.Content);
        await site.TriggerIngestAsync(site.Articles.GetBlobClient(article.BlobName));
        await site.Get<DocumentFrequencyMerger>().MergeAsync(Cancellation);
        var corpus = await site.Get<DocumentFrequencies>().CorpusAsync(Cancellation);
        Assert.True(site.Get<RenderQueueClient>().HoldsRenders);

        // Quiet (the corpus as asked), but the renders are still held: the chain asks again rather than weigh.
        await site.Get<KeywordReweigher>().ContinueAsync(KeywordReweighing.FromOldestOnceSettled(corpus, DateTimeOffset.UtcNow), Cancellation);

        Assert.Empty((await site.Get<ArticleRepository>().GetArticleAsync(article.Slug, Cancellation))!.Keywords);
        await settlement.SettleAsync(Cancellation);
        Assert.NotEmpty((await site.Get<ArticleRepository>().GetArticleAsync(article.Slug, Cancellation))!.Keywords);
    }

    /// <summary>
    /// Read per render, the index lookups of these pages cost about five queries of titles and citations each (a
    /// citations query per key it is named by, a title query per link); the settlement reads the tables whole instead.
    /// </summary>
    [Fact]
    public async Task The_held_renders_of_a_settled_import_read_titles_and_citations_from_one_snapshot()
    {
        await using var site = new TestSite(azurite);
        var settlement = site.Get<ImportSettlement>();
        ImportUnderway(settlement);
        await ImportMergedAsync(site, Articles);
        Assert.True(site.Get<RenderQueueClient>().HeldRenders > 1);

        await settlement.SettleAsync(Cancellation);
        site.Requests.Reset();
        var renders = await site.DrainRenderQueueAsync(concurrency: 8);

        var storage = site.Get<StorageClients>();
        var indexReads = site.Requests.To("GET", storage.TitlesTable.Name) + site.Requests.To("GET", storage.CitationsTable.Name);
        TestContext.Current.TestOutputHelper?.WriteLine($"{renders.Count} renders, {indexReads} title and citation queries ({site.Requests.Breakdown})");
        Assert.True(renders.Count(render => render.Status == RenderStatus.Rendered) >= Articles);
        Assert.InRange(indexReads, 0, Articles / 2);
    }

    /// <summary>
    /// A page published before the import that links a title the import brings, and one the import's article follows in
    /// its tag: the article's ingest leaves telling them to its weighing (no query of citations or neighbours), which
    /// the settlement does from its snapshot; both pages then link the article.
    /// </summary>
    [Fact]
    public async Task A_new_article_of_an_import_tells_the_pages_it_affects_once_weighed_not_at_its_ingest()
    {
        await using var site = new TestSite(azurite);
        await site.PublishAsync("before/citing.md", SyntheticCorpus.Page("citing-page", "2024-01-01", "politics", "It follows [the late story](#)."));
        await site.PublishAsync("before/neighbour.md", SyntheticCorpus.Page("neighbour-page", "2024-01-02", "science", "No link."));
        var settlement = site.Get<ImportSettlement>();
        ImportUnderway(settlement);
        var storage = site.Get<StorageClients>();

        site.Requests.Reset();
        await site.TriggerIngestAsync(await site.UploadAsync("import/late.md", SyntheticCorpus.Page("late-story", "2024-01-03", "science", "Imported.", title: "The late story")));
        TestContext.Current.TestOutputHelper?.WriteLine("ingest of an import article: " + string.Join(" | ", site.Requests.Sent));
        Assert.Equal(0, site.Requests.To("GET", storage.CitationsTable.Name));
        Assert.True((await site.Get<ArticleRepository>().GetArticleAsync("late-story", Cancellation))!.AffectedPagesPending);
        await site.Get<DocumentFrequencyMerger>().MergeAsync(Cancellation);
        await settlement.SettleAsync(Cancellation);
        await site.DrainRenderQueueAsync(concurrency: 8);

        Assert.False((await site.Get<ArticleRepository>().GetArticleAsync("late-story", Cancellation))!.AffectedPagesPending);
        Assert.Contains("href=\"/articles/late-story\"", (await site.GetPageAsync("citing-page")).Body, StringComparison.Ordinal);
        Assert.Contains("href=\"/articles/late-story\"", (await site.GetPageAsync("neighbour-page")).Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// An import longer than the longest render delay shows its held renders as it goes: a page that rendered after the
    /// new article's ingest read it already, and its weighing sends it no render.
    /// </summary>
    [Fact]
    public async Task A_page_rendered_since_a_new_article_of_an_import_was_ingested_is_not_sent_a_render_by_its_weighing()
    {
        await using var site = new TestSite(azurite);
        // Three pages before the import: their keywords are then weighed against a corpus the import does not double,
        // so the settlement weighs (and renders) only the new article.
        await site.PublishAsync("before/a.md", SyntheticCorpus.Article(1).Content);
        await site.PublishAsync("before/b.md", SyntheticCorpus.Article(2).Content);
        await site.PublishAsync("before/citing.md", SyntheticCorpus.Page("citing-page", "2024-01-01", "politics", "It follows [the late story](#)."));
        var settlement = site.Get<ImportSettlement>();
        ImportUnderway(settlement);
        await site.TriggerIngestAsync(await site.UploadAsync("import/late.md", SyntheticCorpus.Page("late-story", "2024-01-03", "science", "Imported.", title: "The late story")));
        await site.Get<DocumentFrequencyMerger>().MergeAsync(Cancellation);
        await Task.Delay(Core.Render.OutputPublisher.ClockSkew * 2, Cancellation);
        Assert.Equal(RenderStatus.Rendered, (await site.Get<OutputPublisher>().RenderAsync("citing-page", Cancellation)).Status);

        await settlement.SettleAsync(Cancellation);

        Assert.False((await site.Get<ArticleRepository>().GetArticleAsync("late-story", Cancellation))!.AffectedPagesPending);
        // Every message shown: the held ones let go, any delayed one past its delay.
        await Task.Delay(TimeSpan.FromSeconds(site.Get<Microsoft.Extensions.Options.IOptions<Core.Configuration.PublishingOptions>>().Value.RenderDelaySeconds + 1), Cancellation);
        var messages = (await site.Get<StorageClients>().RenderQueue.PeekMessagesAsync(maxMessages: 32, Cancellation)).Value;
        Assert.DoesNotContain(messages, message => message.Body.ToString().Contains("\"citing-page\"", StringComparison.Ordinal));
        Assert.Contains(messages, message => message.Body.ToString().Contains("\"late-story\"", StringComparison.Ordinal));
        Assert.Contains("href=\"/articles/late-story\"", (await site.GetPageAsync("citing-page")).Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// The same article's pages told by the re-weighing chain from the queue, as when the instance holding the import
    /// stops before it settles.
    /// </summary>
    [Fact]
    public async Task The_pages_a_new_article_of_an_import_affects_are_told_by_the_re_weighing_chain_when_no_settlement_comes()
    {
        await using var site = new TestSite(azurite);
        await site.PublishAsync("before/citing.md", SyntheticCorpus.Page("citing-page", "2024-01-01", "politics", "It follows [the late story](#)."));
        ImportUnderway(site.Get<ImportSettlement>());
        await site.TriggerIngestAsync(await site.UploadAsync("import/late.md", SyntheticCorpus.Page("late-story", "2024-01-03", "science", "Imported.", title: "The late story")));
        await site.Get<DocumentFrequencyMerger>().MergeAsync(Cancellation);

        await site.Get<KeywordReweigher>().ContinueAsync(new KeywordReweighing(0), Cancellation);
        await site.Get<RenderQueueClient>().ReleaseHeldAsync(Cancellation);
        await site.DrainRenderQueueAsync(concurrency: 8);

        Assert.False((await site.Get<ArticleRepository>().GetArticleAsync("late-story", Cancellation))!.AffectedPagesPending);
        Assert.Contains("href=\"/articles/late-story\"", (await site.GetPageAsync("citing-page")).Body, StringComparison.Ordinal);
    }

    /// <summary>
    /// An import that resumes while its settlement weighs (thousands of articles) and goes quiet again is not settled a
    /// second time at once: two settlements would weigh the same articles, and write their rows, twice.
    /// </summary>
    [Fact]
    public async Task A_settlement_asked_for_while_another_runs_returns_at_once_and_leaves_the_held_renders_to_it()
    {
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:RenderDelaySeconds"] = "15" });
        var settlement = site.Get<ImportSettlement>();
        ImportUnderway(settlement);
        await site.Get<RenderQueueClient>().EnqueueAsync(["first-page", "second-page"], Cancellation, delayed: true);

        var running = settlement.SettleAsync(Cancellation);
        var another = settlement.SettleAsync(Cancellation);

        Assert.True(another.IsCompletedSuccessfully);
        Assert.Equal((0, 2), (await another, await running));
    }

    /// <summary>
    /// The reconciliation's safety net (a live page lagging its record) leaves the pages of an import to its settlement,
    /// however long the import runs, up to the longest hold: asked for sooner, each would render before the import
    /// settles and again after (at 5,000 articles, the pass every 30 s asked for over a thousand).
    /// </summary>
    [Fact]
    public async Task The_reconciliation_leaves_the_page_of_an_article_an_import_left_unweighed_to_the_settlement_up_to_the_longest_hold()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        // A settle delay of a minute: no settlement comes while the test runs.
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:RenderDelaySeconds"] = "15" }, time: clock);
        ImportUnderway(site.Get<ImportSettlement>());
        await site.TriggerIngestAsync(await site.UploadAsync("import/archive.md", SyntheticCorpus.Page("archive-story", "2024-01-03", "science", "Imported.")));
        // Another instance's pass: it holds no render of the import.
        await using var other = new TestSite(azurite, site.Settings, time: clock);
        var reconciler = other.Get<Serverless.Core.Admin.ArticleReconciler>();

        clock.Now += TimeSpan.FromMinutes(10);
        var whileImporting = await reconciler.ReconcileAsync(Cancellation);
        clock.Now += Serverless.Core.Admin.ArticleReconciler.ImportRenderGrace;
        var pastTheLongestHold = await reconciler.ReconcileAsync(Cancellation);

        Assert.Equal(0, (await site.Get<ArticleRepository>().GetArticleAsync("archive-story", Cancellation))!.WeighedCorpus);
        Assert.Equal((0, 1), (whileImporting.RendersRequested, pastTheLongestHold.RendersRequested));
    }

    /// <summary>
    /// The pass of the instance holding an import's renders leaves every held page to the settlement, those it has
    /// weighed already included (a settlement of thousands weighs for minutes before it lets them go); once let go, to
    /// its render, however long the release wave takes (at 2,000 articles, the passes during a wave of minutes asked
    /// for a thousand pages again, each then rendered off the tables rather than the snapshot). A render let go that
    /// never comes is asked for again after the longest hold.
    /// </summary>
    [Fact]
    public async Task The_reconciliation_of_the_instance_holding_an_import_leaves_the_pages_its_settlement_weighed_to_it_and_to_their_renders_once_let_go()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var site = new TestSite(azurite, new Dictionary<string, string?> { ["Publishing:RenderDelaySeconds"] = "15" }, time: clock);
        ImportUnderway(site.Get<ImportSettlement>());
        await site.TriggerIngestAsync(await site.UploadAsync("import/archive.md", SyntheticCorpus.Page("archive-story", "2024-01-03", "science", "Imported.")));
        var reconciler = site.Get<Serverless.Core.Admin.ArticleReconciler>();
        await site.Get<KeywordReweigher>().WeighDueAsync(Cancellation);
        // Past the grace of a page that is not held, well within the longest render delay.
        clock.Now += TimeSpan.FromMinutes(2);

        var whileHeld = await reconciler.ReconcileAsync(Cancellation);
        await site.Get<RenderQueueClient>().ReleaseHeldAsync(Cancellation);
        clock.Now += TimeSpan.FromMinutes(2);
        var whileOnItsWay = await reconciler.ReconcileAsync(Cancellation);
        clock.Now += Serverless.Core.Admin.ArticleReconciler.ImportRenderGrace;
        var pastTheLongestHold = await reconciler.ReconcileAsync(Cancellation);

        Assert.NotEqual(0, (await site.Get<ArticleRepository>().GetArticleAsync("archive-story", Cancellation))!.WeighedCorpus);
        Assert.Equal((0, 0, 1), (whileHeld.RendersRequested, whileOnItsWay.RendersRequested, pastTheLongestHold.RendersRequested));
    }

    [Fact]
    public async Task A_settlement_weighing_a_full_page_reads_the_frequencies_whole_and_weighs_as_reads_per_article_would()
    {
        await using var site = new TestSite(azurite);
        var settlement = site.Get<ImportSettlement>();
        ImportUnderway(settlement);
        const int imported = KeywordReweigher.PageSize + 10;
        var corpus = await ImportMergedAsync(site, imported);
        // The settlement comes a settle delay after the last ingest: its snapshot is fresh enough to tell the pages the
        // articles affect (read per article otherwise, neighbours in the keyword table).
        await Task.Delay(Core.Render.OutputPublisher.ClockSkew * 2, Cancellation);

        site.Requests.Reset();
        await settlement.SettleAsync(Cancellation);
        var keywordReads = site.Requests.Breakdown.Split(", ").Where(entry => entry.StartsWith("GET " + site.Get<StorageClients>().KeywordsTable.Name + " ", StringComparison.Ordinal))
            .Sum(entry => int.Parse(entry[(entry.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        TestContext.Current.TestOutputHelper?.WriteLine($"settlement of {imported}: {site.Requests.Total} requests ({site.Requests.Breakdown})");
        // Read per article, the frequencies cost four queries or more each (pending, merged, terms by 14, corpus).
        Assert.InRange(keywordReads, 1, imported);

        var repository = site.Get<ArticleRepository>();
        var reweigher = site.Get<KeywordReweigher>();
        var corpusNow = await site.Get<DocumentFrequencies>().CorpusAsync(Cancellation);
        foreach (var article in corpus)
        {
            var record = await repository.GetArticleAsync(article.Slug, Cancellation);
            Assert.NotEmpty(record!.Keywords);
            record.WeighedCorpus = 0;
            await repository.SaveArticleAsync(record, record, Cancellation);
            Assert.False(await reweigher.ReweighAsync(article.Slug, corpusNow, Cancellation), $"{article.Slug} weighs differently read per article");
        }
    }

    /// <summary>
    /// A page of the chain is 50 articles: read per article, their document frequencies cost two queries each; a full
    /// page reads them whole instead (a few queries for a small vocabulary), and weighs every article as before.
    /// </summary>
    [Fact]
    public async Task A_full_page_of_the_re_weighing_chain_reads_the_document_frequencies_whole()
    {
        await using var site = new TestSite(azurite);
        ImportUnderway(site.Get<ImportSettlement>());
        var corpus = await ImportMergedAsync(site, KeywordReweigher.PageSize);
        var corpusNow = await site.Get<DocumentFrequencies>().CorpusAsync(Cancellation);
        // Asked longer ago than the longest hold: the chain goes ahead on this instance, which holds the import's renders.
        var askedAt = DateTimeOffset.UtcNow - RenderQueueClient.MaxHoldStep - TimeSpan.FromMinutes(1);
        site.Requests.Reset();

        await site.Get<KeywordReweigher>().ContinueAsync(KeywordReweighing.FromOldestOnceSettled(corpusNow, askedAt), Cancellation);

        var frequencyReads = site.Requests.Addressing($"PartitionKey eq '{TableKeys.TermCountPartition}'");
        TestContext.Current.TestOutputHelper?.WriteLine($"{frequencyReads} queries of the document frequencies ({site.Requests.Breakdown})");
        // Whole: the merged counts, the frequencies (a query for this vocabulary), the corpus size, twice (the chain's check, the read).
        Assert.InRange(frequencyReads, 1, 6);
        var repository = site.Get<ArticleRepository>();
        foreach (var article in corpus)
        {
            var record = await repository.GetArticleAsync(article.Slug, Cancellation);
            Assert.Equal(corpusNow, record!.WeighedCorpus);
            Assert.NotEmpty(record.Keywords);
        }
    }

    /// <summary>
    /// Written at its ingest, a new import article's citation and tag rows cost one request each (5.8 per article at
    /// 1,000: a partition per link key and tag). Its ingest writes its title row (links naming it resolve at once), its
    /// neighbour rows and its row among the articles weighed against nothing; its weighing writes the rest with the
    /// other articles of its page, a transaction per partition, and the record then lists them all.
    /// </summary>
    [Fact]
    public async Task A_new_article_of_an_import_leaves_its_link_and_tag_rows_to_its_weighing()
    {
        await using var site = new TestSite(azurite);
        var settlement = site.Get<ImportSettlement>();
        ImportUnderway(settlement);
        var storage = site.Get<StorageClients>();
        site.Requests.Reset();

        var corpus = await ImportMergedAsync(site, Articles);

        TestContext.Current.TestOutputHelper?.WriteLine($"ingest of {Articles}: {site.Requests.Breakdown}");
        Assert.Equal(0, site.Requests.To(storage.CitationsTable.Name));
        Assert.Equal(Articles, site.Requests.To("PUT", storage.TitlesTable.Name));
        site.Requests.Reset();
        await settlement.SettleAsync(Cancellation);
        TestContext.Current.TestOutputHelper?.WriteLine($"settlement: {site.Requests.Breakdown}");
        var repository = site.Get<ArticleRepository>();
        var index = site.Get<ArticleIndex>();
        var citationRows = 0;
        foreach (var article in corpus)
        {
            var record = (await repository.GetArticleAsync(article.Slug, Cancellation))!;
            var wanted = ArticleRecords.IndexEntries(record).ToList();
            citationRows += wanted.Count(entry => entry.Table == IndexTable.Citations);
            Assert.Contains(wanted, entry => entry.Table == IndexTable.Citations);
            Assert.Equal(wanted.Select(ArticleIndex.RowOf).ToHashSet(), record.Indexed.Rows.ToHashSet());
            foreach (var entry in wanted)
            {
                Assert.True((await index.Table(entry.Table).GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(entry.Entity.PartitionKey, entry.Entity.RowKey,
                    cancellationToken: Cancellation)).HasValue, $"{article.Slug}: row {entry.Entity.PartitionKey}/{entry.Entity.RowKey} of {entry.Table}");
            }
        }
        // A link key named by one article of the page is a partition of one row, written alone; the others go in transactions.
        Assert.InRange(site.Requests.To("PUT", storage.CitationsTable.Name), 0, citationRows / 2);
    }

    /// <summary>
    /// The re-weighing chain writes them when no settlement comes (the instance holding the import stopped): a page the
    /// article cites, rendered before its citation rows were written, is told once they are, and shows it.
    /// </summary>
    [Fact]
    public async Task A_page_an_import_article_cites_shows_it_once_the_chain_writes_its_citation_rows()
    {
        await using var site = new TestSite(azurite);
        await site.PublishAsync("before/cited.md", SyntheticCorpus.Page("cited-story", "2024-01-01", "science", "Cited.", title: "The cited story"));
        var settlement = site.Get<ImportSettlement>();
        ImportUnderway(settlement);
        // The instance holding the import stops before it settles: the chain from the queue weighs its articles.
        settlement.Dispose();
        await site.TriggerIngestAsync(await site.UploadAsync("import/citing.md", SyntheticCorpus.Page("citing-story", "2024-01-02", "politics", "It follows [the cited story](#).")));
        await site.Get<DocumentFrequencyMerger>().MergeAsync(Cancellation);
        // The article's page renders before its weighing, as the stopped instance's held renders do once they show;
        // the cited page renders then (had it been told), before the article's citation rows are written.
        var publisher = site.Get<OutputPublisher>();
        Assert.Equal(RenderStatus.Rendered, (await publisher.RenderAsync("citing-story", Cancellation)).Status);
        await site.Get<RenderQueueClient>().ReleaseHeldAsync(Cancellation);
        await site.DrainRenderQueueAsync(concurrency: 8);
        Assert.Contains("href=\"/articles/cited-story\"", (await site.GetPageAsync("citing-story")).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("citing-story", CitedIn((await site.GetPageAsync("cited-story")).Body), StringComparison.Ordinal);

        await site.Get<KeywordReweigher>().ContinueAsync(new KeywordReweighing(0), Cancellation);
        await site.Get<RenderQueueClient>().ReleaseHeldAsync(Cancellation);
        await site.DrainRenderQueueAsync(concurrency: 8);

        Assert.Contains("href=\"/articles/citing-story\"", CitedIn((await site.GetPageAsync("cited-story")).Body), StringComparison.Ordinal);
    }

    /// <summary>The page's "cited in" list, empty when it has none.</summary>
    private static string CitedIn(string page) =>
        page.IndexOf("class=\"cited-in\"", StringComparison.Ordinal) is var start and >= 0 ? page[start..page.IndexOf("</aside>", start, StringComparison.Ordinal)] : string.Empty;

    /// <summary>The instance has ingested enough within the settle delay to be importing.</summary>
    private static void ImportUnderway(ImportSettlement settlement)
    {
        for (var ingest = 0; ingest < ImportActivity.ImportIngests; ingest++)
        {
            settlement.Ingested();
        }
        Assert.True(settlement.ImportUnderway);
    }

    /// <summary>
    /// A generated corpus of cross-linked articles uploaded, ingested 8 at a time, and its counts merged, as the
    /// site-file stage does within seconds of the import.
    /// </summary>
    private static async Task<List<(string BlobName, string Slug, string Content)>> ImportMergedAsync(TestSite site, int size)
    {
        var corpus = await UploadAsync(site, size);
        await Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Cancellation },
            async (article, _) => await site.TriggerIngestAsync(site.Articles.GetBlobClient(article.BlobName)));
        await site.Get<DocumentFrequencyMerger>().MergeAsync(Cancellation);
        return corpus;
    }

    private static async Task<List<(string BlobName, string Slug, string Content)>> UploadAsync(TestSite site, int size)
    {
        var corpus = Enumerable.Range(0, size).Select(index => SyntheticCorpus.LinkedArticle(index, size)).ToList();
        foreach (var article in corpus)
        {
            await site.UploadAsync(article.BlobName, article.Content);
        }
        return corpus;
    }

    /// <summary>The corpus ingested 4 at a time while stage 2 drains the render queue, as a host does in a burst; the renders made.</summary>
    private static async Task<List<RenderResult>> ImportWhileRenderingAsync(TestSite site, IReadOnlyList<(string BlobName, string Slug, string Content)> corpus)
    {
        var ingest = Parallel.ForEachAsync(corpus, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Cancellation },
            async (article, _) => await site.TriggerIngestAsync(site.Articles.GetBlobClient(article.BlobName)));
        var renders = new List<RenderResult>();
        while (!ingest.IsCompleted)
        {
            renders.AddRange(await site.DrainRenderQueueAsync(concurrency: 8));
        }
        await ingest;
        renders.AddRange(await site.DrainRenderQueueAsync(concurrency: 8));
        return renders;
    }
}
