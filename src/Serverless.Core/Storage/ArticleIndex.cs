using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Serverless.Core.Linking;

namespace Serverless.Core.Storage;

/// <summary>
/// The inverted indexes that let an article find the others without scanning the corpus: published titles
/// (<c>titles</c>), links by the key they name their target with (<c>citations</c>), articles by keyword and tag with the
/// document frequencies (<c>keywords</c>). Every read is a point read or a single-partition query of bounded size, so
/// what one publish costs does not grow with the corpus.
/// </summary>
public sealed class ArticleIndex(StorageClients storage)
{
    /// <summary>The Table service allows 15 comparisons per filter: the partition plus 14 row keys.</summary>
    private const int RowKeysPerQuery = 14;

    /// <summary>A row this index should hold for an article, with the table it belongs to.</summary>
    public sealed record Entry(IndexTable Table, ITableEntity Entity, string Content);

    /// <summary>
    /// Makes the index hold exactly <paramref name="wanted"/> for an article that <paramref name="current"/> describes:
    /// rows no longer wanted are deleted, new or changed rows written, unchanged rows left alone.
    /// </summary>
    public async Task<IReadOnlyList<IndexRow>> ApplyAsync(IReadOnlyList<IndexRow> current, IReadOnlyList<Entry> wanted, CancellationToken cancellationToken)
    {
        var rows = wanted.Select(entry => (Entry: entry, Row: RowOf(entry))).ToList();
        var wantedKeys = rows.Select(row => (row.Row.Table, row.Row.PartitionKey, row.Row.RowKey)).ToHashSet();
        var currentRows = current.ToHashSet();
        var writes = new List<Task>();
        foreach (var stale in current.Where(row => !wantedKeys.Contains((row.Table, row.PartitionKey, row.RowKey))))
        {
            writes.Add(IgnoreNotFound(Table(stale.Table).DeleteEntityAsync(stale.PartitionKey, stale.RowKey, ETag.All, cancellationToken)));
        }
        foreach (var (entry, row) in rows.Where(row => !currentRows.Contains(row.Row)))
        {
            writes.Add(Table(entry.Table).UpsertEntityAsync(entry.Entity, TableUpdateMode.Replace, cancellationToken));
        }
        await Task.WhenAll(writes);
        return [.. rows.Select(row => row.Row)];
    }

    /// <summary>How the record remembers an index row: its keys and a hash of its content.</summary>
    public static IndexRow RowOf(Entry entry) => new(entry.Table, entry.Entity.PartitionKey, entry.Entity.RowKey, Hash(entry.Content));

    /// <summary>Published articles whose title has this key.</summary>
    public async Task<IReadOnlyList<TitleEntity>> FindTitleAsync(string titleKey, CancellationToken cancellationToken) =>
        await QueryAsync<TitleEntity>(storage.TitlesTable, TableClient.CreateQueryFilter($"PartitionKey eq {titleKey}"), 100, cancellationToken);

    /// <summary>
    /// One page of the published articles with a link naming <paramref name="referenceKey"/>, newest first, after the
    /// RowKey <paramref name="afterRow"/>: at most <paramref name="pageSize"/>, with where the next page starts if there is one.
    /// </summary>
    public async Task<CitationPage> FindCitationsPageAsync(string referenceKey, string? afterRow, int pageSize, CancellationToken cancellationToken)
    {
        // One more than the page tells whether another follows, in the same request.
        var rows = await QueryAsync<CitationEntity>(storage.CitationsTable, afterRow is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {referenceKey}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {referenceKey} and RowKey gt {afterRow}"), pageSize + 1, cancellationToken);
        return rows.Count > pageSize ? new CitationPage(rows.Take(pageSize).ToList(), rows[pageSize - 1].RowKey) : new CitationPage(rows, null);
    }

    /// <summary>One page of the articles whose keywords were weighed in <paramref name="generation"/>, by slug, after <paramref name="afterSlug"/>.</summary>
    public async Task<IReadOnlyList<KeywordEntity>> WeighedInAsync(int generation, string? afterSlug, int max, CancellationToken cancellationToken) =>
        await QueryAsync<KeywordEntity>(storage.KeywordsTable, afterSlug is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.WeighingPartition(generation)}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.WeighingPartition(generation)} and RowKey gt {afterSlug}"), max, cancellationToken);

    /// <summary>How many articles the document frequencies count: one query of the corpus-size shards.</summary>
    public async Task<int> CorpusSizeAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<TermCountEntity>(storage.KeywordsTable, TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.TermCountPartition} and RowKey ge {"~n"} and RowKey lt {"~o"}"), TableKeys.CorpusShards, cancellationToken)).Sum(row => row.Count);

    /// <summary>The articles a keyword or tag partition weighs most, heaviest first.</summary>
    public async Task<IReadOnlyList<KeywordEntity>> TopArticlesAsync(string partition, int max, CancellationToken cancellationToken) =>
        await QueryAsync<KeywordEntity>(storage.KeywordsTable,
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {TableKeys.KeywordRowsEnd}"), max, cancellationToken);

    /// <summary>
    /// Document frequencies of <paramref name="terms"/> (rows absent from the result count zero), the corpus-size shards,
    /// and what the article <paramref name="slug"/> has counted: one query for the shards and that row, one per 15 terms.
    /// </summary>
    /// <param name="previousSlug">The slug the article is moving from, if any: what it counted there is read in the same query.</param>
    public async Task<TermCounts> ReadTermCountsAsync(IReadOnlyCollection<string> terms, string slug, CancellationToken cancellationToken, string? previousSlug = null)
    {
        var ownRow = TableKeys.CountedTermsRow(slug);
        var previousRow = previousSlug is null ? ownRow : TableKeys.CountedTermsRow(previousSlug);
        var counted = QueryAsync<CountedTermsEntity>(storage.KeywordsTable, TableClient.CreateQueryFilter(
            $"PartitionKey eq {TableKeys.TermCountPartition} and (RowKey eq {ownRow} or RowKey eq {previousRow})"), 2, cancellationToken);
        var queries = terms.Distinct(StringComparer.Ordinal).Chunk(RowKeysPerQuery)
            .Select(chunk => QueryAsync<TermCountEntity>(storage.KeywordsTable, TermFilter(chunk), RowKeysPerQuery, cancellationToken))
            .Append(QueryAsync<TermCountEntity>(storage.KeywordsTable, TableClient.CreateQueryFilter(
                $"PartitionKey eq {TableKeys.TermCountPartition} and RowKey ge {"~n"} and RowKey lt {"~o"}"), TableKeys.CorpusShards, cancellationToken))
            .ToList();
        var results = await Task.WhenAll(queries);
        var ledgers = await counted;
        return new TermCounts(results.SelectMany(rows => rows).ToDictionary(row => row.RowKey, StringComparer.Ordinal),
            ledgers.SingleOrDefault(row => row.RowKey == ownRow), previousSlug is null ? null : ledgers.SingleOrDefault(row => row.RowKey == previousRow));
    }

    /// <summary>
    /// Counts an article's terms in (and its removed terms out of) the document frequencies, and the article in or out of
    /// the corpus size, in one atomic batch conditioned on the counts read, which also records what the article now
    /// counts. A conflict with a concurrent publish fails the whole batch; the caller reads again and retries.
    /// </summary>
    public async Task UpdateTermCountsAsync(TermCounts counts, IReadOnlyCollection<string> added, IReadOnlyCollection<string> removed,
        string slug, int corpusChange, IReadOnlyList<string> countedAfter, bool inCorpusAfter, CancellationToken cancellationToken)
    {
        var changes = added.Select(term => (RowKey: term, Change: 1)).Concat(removed.Select(term => (RowKey: term, Change: -1)));
        if (corpusChange != 0)
        {
            changes = changes.Append((TableKeys.CorpusShardRow(slug), corpusChange));
        }
        var actions = changes.Select(change => CountAction(counts, change.RowKey, change.Change)).OfType<TableTransactionAction>().ToList();
        var ledger = new CountedTermsEntity { RowKey = TableKeys.CountedTermsRow(slug), Terms = countedAfter, InCorpus = inCorpusAfter };
        // Kept even when it records nothing counted: without it a redelivery would believe the record, which may lag.
        actions.Add(counts.Counted is { } read
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, ledger, read.ETag)
            : new TableTransactionAction(TableTransactionActionType.Add, ledger));
        await storage.KeywordsTable.SubmitTransactionAsync(actions, cancellationToken);
    }

    private static TableTransactionAction? CountAction(TermCounts counts, string rowKey, int change)
    {
        if (!counts.Rows.TryGetValue(rowKey, out var row))
        {
            // Add fails if a concurrent publish created the row meanwhile: the batch is then read again and retried.
            return change > 0 ? new TableTransactionAction(TableTransactionActionType.Add, new TermCountEntity { RowKey = rowKey, Count = change }) : null;
        }
        var count = row.Count + change;
        return count > 0
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, new TermCountEntity { RowKey = rowKey, Count = count }, row.ETag)
            : new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag);
    }

    private static string TermFilter(IEnumerable<string> rowKeys)
    {
        var filter = new StringBuilder(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.TermCountPartition}")).Append(" and (");
        var first = true;
        foreach (var rowKey in rowKeys)
        {
            filter.Append(first ? string.Empty : " or ").Append(TableClient.CreateQueryFilter($"RowKey eq {rowKey}"));
            first = false;
        }
        return filter.Append(')').ToString();
    }

    /// <summary>The table an index row belongs to.</summary>
    public TableClient Table(IndexTable table) => table switch
    {
        IndexTable.Titles => storage.TitlesTable,
        IndexTable.Citations => storage.CitationsTable,
        _ => storage.KeywordsTable,
    };

    private async Task<IReadOnlyList<T>> QueryAsync<T>(TableClient table, string filter, int max, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var rows = new List<T>();
        await foreach (var page in table.QueryAsync<T>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).AsPages())
        {
            rows.AddRange(page.Values);
            if (rows.Count >= max || page.ContinuationToken is null)
            {
                break;
            }
        }
        return rows.Count > max ? rows[..max] : rows;
    }

    private static async Task IgnoreNotFound(Task<Response> delete)
    {
        try
        {
            await delete;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
        }
    }

    private static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16];
}

/// <summary>Document-frequency rows as read, by term, with the corpus-size shards.</summary>
public sealed record TermCounts(IReadOnlyDictionary<string, TermCountEntity> Rows, CountedTermsEntity? Counted = null, CountedTermsEntity? CountedAtPreviousSlug = null)
{
    public int Corpus => Rows.Where(row => TableKeys.IsCorpusShardRow(row.Key)).Sum(row => row.Value.Count);

    public int DocumentFrequency(string term) => Rows.TryGetValue(term, out var row) ? row.Count : 0;

    public bool Has(string rowKey) => Rows.ContainsKey(rowKey);

    /// <summary>What the article has counted: its own row when there is one, else what its record says (articles counted before that row existed).</summary>
    public (IReadOnlyList<string> Terms, bool InCorpus) CountedBy(IndexState recorded) =>
        Counted is { } row ? (row.Terms, row.InCorpus) : (recorded.CountedTerms, recorded.InCorpus);
}
