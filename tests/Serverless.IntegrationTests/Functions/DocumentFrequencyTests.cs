using Azure.Core;
using Azure.Data.Tables;
using Serverless.Core.Parsing;
using Serverless.Core.Site;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// The document frequencies off one hot partition: an ingest writes its article's pending counts in a partition of its
/// own, and the merger of the site-file stage applies them. Whatever runs at once, crashes or piles up, once merged the
/// counts are the true counts of the articles served: every term counted once per article using it, the corpus once per article.
/// </summary>
public sealed class DocumentFrequencyTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Counts_equal_the_true_counts_after_concurrent_publishes_updates_moves_and_deletions()
    {
        await using var site = new TestSite(azurite);
        // Four topics: their words, and words common to every article, are counted by many articles at once.
        var articles = Enumerable.Range(0, 40).Select(index => SyntheticCorpus.Article(index, topic: index % 4)).ToList();
        var live = articles.ToDictionary(article => article.BlobName, article => article.Content);
        var uploaded = await Task.WhenAll(articles.Select(article => site.UploadAsync(article.BlobName, article.Content)));
        await Task.WhenAll(Task.WhenAll(uploaded.Select(site.TriggerIngestAsync)), site.DrainRenderQueueAsync(concurrency: 4));

        // Then, all at once: ten articles rewritten on another topic, five of them moving to another slug, ten deleted.
        var changes = new List<Task>();
        for (var index = 0; index < 10; index++)
        {
            var (blobName, slug, _) = articles[index];
            var rewritten = SyntheticCorpus.Article(1_000 + index, topic: (index + 1) % 4).Content;
            live[blobName] = index < 5 ? rewritten.Replace($"slug: article-{1_000 + index:D5}", $"slug: {slug}", StringComparison.Ordinal) : rewritten;
            changes.Add(PublishAsync(site, blobName, live[blobName]));
        }
        foreach (var (blobName, _, _) in articles[30..])
        {
            live.Remove(blobName);
            changes.Add(DeleteAsync(site, blobName));
        }
        await Task.WhenAll(Task.WhenAll(changes), site.DrainRenderQueueAsync(concurrency: 4));
        await site.DrainRenderQueueAsync(concurrency: 4);

        var counts = await CountsAsync(site);
        Assert.Equal(TrueCounts(site, live), counts.Terms);
        Assert.Equal(live.Count, counts.Corpus);
        Assert.Equal(0, counts.Pending);
    }

    [Fact]
    public async Task A_merger_crashing_between_the_counts_and_the_deletion_of_what_it_merged_counts_nothing_twice()
    {
        await using var site = new TestSite(azurite);
        // Articles whose pending counts share a partition: one batch of the merger counts them all.
        var slugs = Enumerable.Range(0, 100).Select(number => $"story-{number}")
            .GroupBy(TableKeys.PendingCountsPartition).First(group => group.Count() >= 3).Take(3).ToList();
        var live = new Dictionary<string, string>();
        foreach (var (slug, index) in slugs.Select((slug, index) => (slug, index)))
        {
            live[slug + ".md"] = Samples.Article(slug, "2025-03-02T08:00:00Z", "[ports]", $"slug: {slug}",
                body: $"The harbour of Brest reopens its quays to cargo ships and ferries, number {index}, after months of works.");
            await site.TriggerIngestAsync(await site.UploadAsync(slug + ".md", live[slug + ".md"]));
        }

        var crash = new InjectedCrash();
        await using (var crashed = new TestSite(site.Settings[Core.Configuration.StorageOptions.ConnectionSettingName]!, site.Settings, fault: crash))
        {
            crash.Arm(request => request.Method == RequestMethod.Post && request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal));
            await Assert.ThrowsAsync<InjectedCrashException>(() => crashed.Get<DocumentFrequencyMerger>().MergeAsync(Cancellation));
        }
        var afterCrash = await CountsAsync(site);
        Assert.Equal(TrueCounts(site, live), afterCrash.Terms);
        Assert.Equal(slugs.Count, afterCrash.Pending);

        // The restarted process: the stage's message is delivered again, and merges what the crash left pending.
        await site.DrainRenderQueueAsync();

        var counts = await CountsAsync(site);
        Assert.Equal(TrueCounts(site, live), counts.Terms);
        Assert.Equal(slugs.Count, counts.Corpus);
        Assert.Equal(0, counts.Pending);
    }

    [Fact]
    public async Task A_backlog_larger_than_a_page_and_a_pass_is_merged_to_the_end()
    {
        await using var site = new TestSite(azurite);
        const int Backlog = DocumentFrequencyMerger.MaxPerPass + DocumentFrequencyMerger.PageSize;
        var pending = Enumerable.Range(0, Backlog).Select(number => new PendingCountsEntity
        {
            PartitionKey = TableKeys.PendingCountsPartition($"backlog-{number}"),
            RowKey = $"backlog-{number}",
            Counted = new CountedTerms(["harbour", $"quay{number % 10}"], InCorpus: true),
            Base = CountedTerms.None,
        }).ToList();
        Assert.Contains(pending.GroupBy(row => row.PartitionKey), partition => partition.Count() > DocumentFrequencyMerger.PageSize);
        await SeedPendingAsync(site, pending);

        await site.Get<SiteFileRequests>().RequestAsync([SiteFileKey.DocumentFrequencies], Cancellation);
        await site.DrainRenderQueueAsync();

        var counts = await CountsAsync(site);
        Assert.Equal(Backlog, counts.Corpus);
        Assert.Equal(Backlog, counts.Terms["harbour"]);
        Assert.All(Enumerable.Range(0, 10), number => Assert.Equal(Backlog / 10, counts.Terms[$"quay{number}"]));
        Assert.Equal(0, counts.Pending);
        Assert.True(site.SiteFileResults.Count(result => result.File == SiteFileKey.DocumentFrequencies) >= 2, "a pass stopped at its share asked for the next");
    }

    [Fact]
    public async Task Counts_written_before_the_merger_existed_are_carried_on()
    {
        await using var site = new TestSite(azurite);
        var live = new Dictionary<string, string>();
        foreach (var number in Enumerable.Range(0, 4))
        {
            live[$"old-{number}.md"] = Samples.Article($"Harbour story {number}", "2025-03-02T08:00:00Z", "[ports]",
                body: $"The harbour reopens its quays to cargo ships, story {number}, and the dockers go back to work.");
            await site.PublishAsync($"old-{number}.md", live[$"old-{number}.md"]);
        }
        // As ingests left the partition before the merger: the corpus in shards; one article counted before the rows
        // saying what each article counted existed (its record says it).
        var table = site.Get<StorageClients>().KeywordsTable;
        var corpus = await table.GetEntityAsync<TermCountEntity>(TableKeys.TermCountPartition, TableKeys.CorpusRow, cancellationToken: Cancellation);
        await table.DeleteEntityAsync(TableKeys.TermCountPartition, TableKeys.CorpusRow, cancellationToken: Cancellation);
        await table.AddEntityAsync(new TermCountEntity { RowKey = "~n03", Count = corpus.Value.Count - 1 }, Cancellation);
        await table.AddEntityAsync(new TermCountEntity { RowKey = "~n11", Count = 1 }, Cancellation);
        await table.DeleteEntityAsync(TableKeys.TermCountPartition, TableKeys.CountedTermsRow("harbour-story-0"), cancellationToken: Cancellation);

        live["old-0.md"] = Samples.Article("Harbour story 0", "2025-03-02T08:00:00Z", "[ports]", body: "The ferries of Roscoff sail again to Plymouth and Cork.");
        await site.PublishAsync("old-0.md", live["old-0.md"]);
        live["old-1.md"] = Samples.Article("Harbour story 1", "2025-03-02T08:00:00Z", "[ports]", body: "The ferries of Roscoff sail again to Santander.");
        await site.PublishAsync("old-1.md", live["old-1.md"]);
        live.Remove("old-2.md");
        await DeleteAsync(site, "old-2.md");
        await site.DrainRenderQueueAsync();

        var counts = await CountsAsync(site);
        Assert.Equal(TrueCounts(site, live), counts.Terms);
        Assert.Equal(live.Count, counts.Corpus);
        Assert.Equal([TableKeys.CorpusRow], counts.CorpusRows);
    }

    /// <summary>
    /// Hundreds of new articles, each with terms of its own: asked for 14 to a query, their terms would cost hundreds of
    /// queries; the merger reads every term row instead, a query per 1,000, and counts the same.
    /// </summary>
    [Fact]
    public async Task A_merge_of_thousands_of_terms_reads_the_term_rows_whole()
    {
        await using var site = new TestSite(azurite);
        var pending = PendingArticles(200, termsEach: 20, shared: 0);
        await SeedPendingAsync(site, pending);
        site.Requests.Reset();

        await site.Get<DocumentFrequencyMerger>().MergeAsync(Cancellation);

        var frequencyQueries = site.Requests.Addressing($"PartitionKey eq '{TableKeys.TermCountPartition}'");
        TestContext.Current.TestOutputHelper?.WriteLine($"{frequencyQueries} queries of the frequencies for 4,000 terms ({site.Requests.Breakdown})");
        // Per page of pending rows: its articles' counted rows (14 to a query), the term rows (one query), the corpus.
        Assert.InRange(frequencyQueries, 1, 4_000 / 100);
        var counts = await CountsAsync(site);
        Assert.Equal(200, counts.Corpus);
        Assert.Equal(4_000, counts.Terms.Count);
        Assert.All(counts.Terms.Values, count => Assert.Equal(1, count));
    }

    /// <summary>
    /// Where the vocabulary holds more rows than the terms asked for would take queries of 1,000, the whole read stops
    /// at that bound and the terms are asked for by key: counted the same.
    /// </summary>
    [Fact]
    public async Task A_merge_in_a_vocabulary_larger_than_its_terms_need_asks_for_them_by_key()
    {
        await using var site = new TestSite(azurite);
        var table = site.Get<StorageClients>().KeywordsTable;
        await site.Get<StorageClients>().EnsureCreatedAsync(Cancellation);
        // 11,500 terms counted once already; the merge asks for 140 of them and 10 new ones (11 queries by key, which a
        // whole read replaces up to 11,000 rows).
        foreach (var batch in Enumerable.Range(0, 11_500).Select(number => new TermCountEntity { RowKey = $"known{number:D5}", Count = 1 }).Chunk(100))
        {
            await table.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)), Cancellation);
        }
        // Five articles of one pending partition (one page of the merger), each counting 28 known terms and 2 new ones.
        var slugs = Enumerable.Range(0, 100).Select(number => $"wide-{number}").GroupBy(TableKeys.PendingCountsPartition).First(group => group.Count() >= 5).Take(5).ToList();
        var pending = slugs.Select((slug, article) => new PendingCountsEntity
        {
            PartitionKey = TableKeys.PendingCountsPartition(slug),
            RowKey = slug,
            Counted = new CountedTerms([.. Enumerable.Range(article * 28, 28).Select(number => $"known{number * 80:D5}"), .. Enumerable.Range(article * 2, 2).Select(number => $"fresh{number}")],
                InCorpus: true),
            Base = CountedTerms.None,
        }).ToList();
        await SeedPendingAsync(site, pending);
        site.Requests.Reset();

        await site.Get<DocumentFrequencyMerger>().MergeAsync(Cancellation);

        Assert.Equal(1, site.Requests.Addressing("RowKey eq 'fresh0'"));
        var counts = await CountsAsync(site);
        Assert.Equal(11_510, counts.Terms.Count);
        Assert.All(Enumerable.Range(0, 140), number => Assert.Equal(2, counts.Terms[$"known{number * 80:D5}"]));
        Assert.All(Enumerable.Range(0, 10), number => Assert.Equal(1, counts.Terms[$"fresh{number}"]));
        Assert.Equal(1, counts.Terms["known00001"]);
    }

    /// <summary>Pending counts of <paramref name="count"/> articles, each with <paramref name="termsEach"/> terms of its own and <paramref name="shared"/> common to all.</summary>
    private static List<PendingCountsEntity> PendingArticles(int count, int termsEach, int shared) => [.. Enumerable.Range(0, count).Select(number => new PendingCountsEntity
    {
        PartitionKey = TableKeys.PendingCountsPartition($"new-{number}"),
        RowKey = $"new-{number}",
        Counted = new CountedTerms([.. Enumerable.Range(0, termsEach).Select(term => $"term{number:D3}x{term:D2}"), .. Enumerable.Range(0, shared).Select(term => $"common{term}")], InCorpus: true),
        Base = CountedTerms.None,
    })];

    /// <summary>Pending rows written as ingests leave them, in transactions per partition.</summary>
    private static async Task SeedPendingAsync(TestSite site, IEnumerable<PendingCountsEntity> pending)
    {
        var table = site.Get<StorageClients>().KeywordsTable;
        await site.Get<StorageClients>().EnsureCreatedAsync(Cancellation);
        foreach (var batch in pending.GroupBy(row => row.PartitionKey).SelectMany(partition => partition.Chunk(100)))
        {
            await table.SubmitTransactionAsync(batch.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)), Cancellation);
        }
    }

    private static async Task PublishAsync(TestSite site, string blobName, string content) =>
        await site.TriggerIngestAsync(await site.UploadAsync(blobName, content));

    private static async Task DeleteAsync(TestSite site, string blobName)
    {
        var blob = site.Articles.GetBlobClient(blobName);
        await blob.DeleteAsync(cancellationToken: Cancellation);
        await site.TriggerIngestAsync(blob);
    }

    /// <summary>What the counts should be: each term of each article served, once per article, as the parser finds them.</summary>
    private static Dictionary<string, int> TrueCounts(TestSite site, IReadOnlyDictionary<string, string> live)
    {
        var parser = site.Get<ArticleParser>();
        return live.SelectMany(article => parser.Parse(new ArticleSource(article.Key, article.Value, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)).Terms.Keys)
            .GroupBy(term => term, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);
    }

    private sealed record StoredCounts(Dictionary<string, int> Terms, int Corpus, IReadOnlyList<string> CorpusRows, int Pending);

    /// <summary>The whole frequencies partition as stored, and the pending rows of every partition of them.</summary>
    private static async Task<StoredCounts> CountsAsync(TestSite site)
    {
        var table = site.Get<StorageClients>().KeywordsTable;
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        var corpus = new List<TermCountEntity>();
        await foreach (var row in table.QueryAsync<TermCountEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.TermCountPartition}"), cancellationToken: Cancellation))
        {
            if (row.RowKey.StartsWith(TableKeys.CorpusRow, StringComparison.Ordinal))
            {
                corpus.Add(row);
            }
            else if (!row.RowKey.StartsWith(TableKeys.CountedTermsPrefix, StringComparison.Ordinal))
            {
                terms[row.RowKey] = row.Count;
            }
        }
        var pending = 0;
        foreach (var partition in TableKeys.PendingCountsPartitions)
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: Cancellation))
            {
                pending++;
            }
        }
        return new StoredCounts(terms, corpus.Sum(row => row.Count), [.. corpus.Select(row => row.RowKey)], pending);
    }
}
