using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// The document frequencies as ingest and preview read them, and the pending counts through which an ingest changes
/// them. No ingest writes a shared count: it writes one row, its article's, in a partition of pending counts chosen by
/// slug, and <see cref="DocumentFrequencyMerger"/> applies those rows. So 100 instances publishing at once contend on
/// nothing but deliveries of the same article, and what is read lags the publishes not merged yet (one site-file
/// window, seconds: weights tolerate it).
/// </summary>
public sealed class DocumentFrequencies(StorageClients storage)
{
    /// <summary>
    /// Document frequencies of <paramref name="terms"/>, the corpus size, the article's own counts and what is merged for
    /// the slug it moves from: a point read of its pending counts, then one query per 14 terms, one for its merged rows
    /// and one for the corpus, at once.
    /// </summary>
    public async Task<TermCounts> ReadAsync(IReadOnlyCollection<string> terms, string slug, string? previousSlug, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        // The pending row first: should the merger apply it meanwhile, the merged row read next already shows it.
        var pending = await ReadPendingAsync(slug, cancellationToken);
        var ownRow = TableKeys.CountedTermsRow(slug);
        var previousRow = previousSlug is null ? null : TableKeys.CountedTermsRow(previousSlug);
        var merged = storage.KeywordsTable.QueryRowsAsync<CountedTermsEntity>(TableKeys.TermCountPartition, previousRow is null ? [ownRow] : [ownRow, previousRow], cancellationToken);
        var frequencies = storage.KeywordsTable.QueryRowsAsync<TermCountEntity>(TableKeys.TermCountPartition, terms, cancellationToken);
        var corpus = ReadCorpusAsync(cancellationToken);
        var mergedRows = await merged;
        return new TermCounts(
            (await frequencies).ToDictionary(row => row.RowKey, row => row.Count, StringComparer.Ordinal),
            (await corpus).Sum(row => row.Count),
            new ArticleCounts(mergedRows.SingleOrDefault(row => row.RowKey == ownRow), pending),
            previousRow is null ? null : mergedRows.SingleOrDefault(row => row.RowKey == previousRow)?.Counted ?? CountedTerms.None);
    }

    /// <summary>
    /// Every article's pending counts, then the whole partition of frequencies (terms, articles' merged counts, corpus),
    /// a query per 1,000 rows: what per-article reads would cost a dozen articles. Pending first, as
    /// <see cref="ReadAsync"/> reads them: counts the merger applies meanwhile show in the merged rows read next.
    /// Null when the partition holds more than <paramref name="maxRows"/> rows (a vocabulary too large to hold): the
    /// caller reads per article then.
    /// </summary>
    public async Task<DocumentFrequencySnapshot?> ReadWholeAsync(int maxRows, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var pending = new Dictionary<string, PendingCountsEntity>(StringComparer.Ordinal);
        foreach (var partition in TableKeys.PendingCountsPartitions)
        {
            await foreach (var row in storage.KeywordsTable.QueryAsync<PendingCountsEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken))
            {
                pending[row.RowKey] = row;
            }
        }
        var merged = new Dictionary<string, CountedTermsEntity>(StringComparer.Ordinal);
        await foreach (var row in storage.KeywordsTable.QueryAsync<CountedTermsEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.TermCountPartition} and RowKey ge {TableKeys.CountedTermsPrefix} and RowKey lt {TableKeys.CountedTermsEnd}"), cancellationToken: cancellationToken))
        {
            merged[row.RowKey] = row;
        }
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in storage.KeywordsTable.QueryAsync<TermCountEntity>(TermRowsFilter, cancellationToken: cancellationToken))
        {
            if (frequencies.Count + merged.Count >= maxRows)
            {
                return null;
            }
            frequencies[row.RowKey] = row.Count;
        }
        return new DocumentFrequencySnapshot(frequencies, (await ReadCorpusAsync(cancellationToken)).Sum(row => row.Count), merged, pending);
    }

    /// <summary>Every term's row of the partition (not the articles' counted rows, nor the corpus rows).</summary>
    private static readonly string TermRowsFilter = TableClient.CreateQueryFilter(
        $"PartitionKey eq {TableKeys.TermCountPartition} and (RowKey lt {TableKeys.ReservedRows} or RowKey ge {TableKeys.ReservedRowsEnd})");

    /// <summary>Rows a query answers at most: the Table service's page.</summary>
    private const int RowsPerQuery = 1000;

    /// <summary>
    /// Queries by key from which every term row is read instead: a merge of one article's counts (40 terms at most, 3
    /// queries) asks by key, since a vocabulary larger than 3,000 rows would make the whole read cost more; a merge of an
    /// import's hundreds of articles asks for thousands of terms.
    /// </summary>
    private const int MinQueriesForWholeRead = 10;

    /// <summary>Term rows this instance has found at least (0 until a whole read stopped short): a vocabulary only grows.</summary>
    private int _termRowsAtLeast;

    /// <summary>
    /// The rows of these terms, with their ETags (the merger's conditional writes): <see cref="StorageExtensions.RowKeysPerQuery"/> to a
    /// query; or, from <see cref="MinQueriesForWholeRead"/> such queries, when every term row read a query per 1,000 takes
    /// fewer (a merge of hundreds of new articles asks for thousands of terms), every term row, the others left out. A whole read that would take more stops
    /// there and is not tried again for as many terms: its queries are the most it wastes.
    /// </summary>
    public async Task<IReadOnlyList<TermCountEntity>> ReadTermRowsAsync(IReadOnlyCollection<string> termKeys, CancellationToken cancellationToken)
    {
        var queriesByKey = (termKeys.Count + StorageExtensions.RowKeysPerQuery - 1) / StorageExtensions.RowKeysPerQuery;
        var maxRows = queriesByKey * RowsPerQuery;
        if (queriesByKey >= MinQueriesForWholeRead && maxRows > Volatile.Read(ref _termRowsAtLeast))
        {
            var wanted = termKeys.ToHashSet(StringComparer.Ordinal);
            var found = new List<TermCountEntity>();
            var read = 0;
            await foreach (var row in storage.KeywordsTable.QueryAsync<TermCountEntity>(TermRowsFilter, maxPerPage: RowsPerQuery, cancellationToken: cancellationToken))
            {
                if (++read > maxRows)
                {
                    Volatile.Write(ref _termRowsAtLeast, Math.Max(Volatile.Read(ref _termRowsAtLeast), read));
                    return await storage.KeywordsTable.QueryRowsAsync<TermCountEntity>(TableKeys.TermCountPartition, termKeys, cancellationToken);
                }
                if (wanted.Contains(row.RowKey))
                {
                    found.Add(row);
                }
            }
            return found;
        }
        return await storage.KeywordsTable.QueryRowsAsync<TermCountEntity>(TableKeys.TermCountPartition, termKeys, cancellationToken);
    }

    /// <summary>The article's own counts only: its pending row, then its merged row (two point reads).</summary>
    public async Task<ArticleCounts> ReadArticleAsync(string slug, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var pending = await ReadPendingAsync(slug, cancellationToken);
        return new ArticleCounts(
            await storage.KeywordsTable.GetOrNullAsync<CountedTermsEntity>(TableKeys.TermCountPartition, TableKeys.CountedTermsRow(slug), cancellationToken),
            pending);
    }

    /// <summary>
    /// Records that the article counts <paramref name="now"/>, for the merger, conditioned on the pending row read
    /// (added when there was none): a concurrent delivery of the same article, or the merger taking the row meanwhile,
    /// fails it (409, 412, 404), and the caller reads again.
    /// </summary>
    /// <param name="recorded">What the article's record says it counted: what the frequencies hold for it when no row says so.</param>
    public async Task DeclareAsync(string slug, ArticleCounts read, CountedTerms now, IndexState recorded, CancellationToken cancellationToken)
    {
        var row = new PendingCountsEntity
        {
            PartitionKey = TableKeys.PendingCountsPartition(slug),
            RowKey = TableKeys.ForSlug(slug),
            Counted = now,
            Base = read.MergedBy(recorded),
        };
        if (read.Pending is { } pending)
        {
            await storage.KeywordsTable.UpdateEntityAsync(row, pending.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        else
        {
            await storage.KeywordsTable.AddEntityAsync(row, cancellationToken);
        }
    }

    private Task<PendingCountsEntity?> ReadPendingAsync(string slug, CancellationToken cancellationToken) =>
        storage.KeywordsTable.GetOrNullAsync<PendingCountsEntity>(TableKeys.PendingCountsPartition(slug), TableKeys.ForSlug(slug), cancellationToken);

    /// <summary>How many articles the merged frequencies count: one query.</summary>
    public async Task<int> CorpusAsync(CancellationToken cancellationToken) => (await ReadCorpusAsync(cancellationToken)).Sum(row => row.Count);

    /// <summary>The corpus row, and the shards ingests wrote before the merger folded them into it.</summary>
    internal async Task<IReadOnlyList<TermCountEntity>> ReadCorpusAsync(CancellationToken cancellationToken)
    {
        var rows = new List<TermCountEntity>();
        await foreach (var row in storage.KeywordsTable.QueryAsync<TermCountEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.TermCountPartition} and RowKey ge {TableKeys.CorpusRow} and RowKey lt {TableKeys.CorpusRowsEnd}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }
        return rows;
    }
}
