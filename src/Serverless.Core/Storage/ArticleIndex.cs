using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// The inverted indexes that let an article find the others without scanning the corpus: published titles
/// (<c>titles</c>), links by the key they name their target with (<c>citations</c>), articles by keyword and tag
/// (<c>keywords</c>; the document frequencies beside them are <see cref="DocumentFrequencies"/>'). Every read is a point read or a single-partition query of bounded size, so
/// what one publish costs does not grow with the corpus.
/// </summary>
public sealed class ArticleIndex(StorageClients storage)
{
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

    /// <summary>
    /// <see cref="ApplyAsync"/> for many articles at once (a page of articles weighed again): their writes grouped by
    /// partition in entity-group transactions of up to 100, so articles sharing keywords share requests. Returns each
    /// article's rows, in order. A row to delete that is gone already is left out of its transaction.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<IndexRow>>> ApplyManyAsync(IReadOnlyList<IndexChange> changes, CancellationToken cancellationToken)
    {
        var operations = new List<IndexOperation>();
        var results = new List<IReadOnlyList<IndexRow>>(changes.Count);
        foreach (var change in changes)
        {
            var rows = change.Wanted.Select(entry => (Entry: entry, Row: RowOf(entry))).ToList();
            var wantedKeys = rows.Select(row => (row.Row.Table, row.Row.PartitionKey, row.Row.RowKey)).ToHashSet();
            var currentRows = change.Current.ToHashSet();
            operations.AddRange(change.Current.Where(row => !wantedKeys.Contains((row.Table, row.PartitionKey, row.RowKey)))
                .Select(stale => new IndexOperation(stale.Table, stale.PartitionKey,
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(stale.PartitionKey, stale.RowKey), ETag.All))));
            operations.AddRange(rows.Where(row => !currentRows.Contains(row.Row))
                .Select(row => new IndexOperation(row.Entry.Table, row.Row.PartitionKey, new TableTransactionAction(TableTransactionActionType.UpsertReplace, row.Entry.Entity))));
            results.Add([.. rows.Select(row => row.Row)]);
        }
        var batches = operations.GroupBy(operation => (operation.Table, operation.PartitionKey))
            .SelectMany(partition => partition.Select(operation => operation.Action).Chunk(TableTransactions.MaxActions).Select(chunk => (Table: Table(partition.Key.Table), Actions: chunk)));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (batch, token) => await SubmitAsync(batch.Table, batch.Actions, token));
        return results;
    }

    // A row to delete gone already (a redelivery) is left out; the others are written.
    private static async Task SubmitAsync(TableClient table, TableTransactionAction[] actions, CancellationToken cancellationToken) =>
        await TableTransactions.SubmitAsync(table, actions, TableTransactions.DeletedAlready, cancellationToken);

    /// <summary>How the record remembers an index row: its keys and a hash of its content.</summary>
    public static IndexRow RowOf(Entry entry) => new(entry.Table, entry.Entity.PartitionKey, entry.Entity.RowKey, Hash(entry.Content));

    /// <summary>Articles read sharing a title: more than one already makes a link by that title ambiguous.</summary>
    public const int MaxTitlesRead = 100;

    /// <summary>Published articles whose title has this key.</summary>
    public async Task<IReadOnlyList<TitleEntity>> FindTitleAsync(string titleKey, CancellationToken cancellationToken) =>
        await QueryAsync<TitleEntity>(storage.TitlesTable, TableClient.CreateQueryFilter($"PartitionKey eq {titleKey}"), MaxTitlesRead, cancellationToken);

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
        return CitationPage.Of(rows, pageSize);
    }

    /// <summary>One page of the articles whose keywords were weighed in <paramref name="generation"/>, by slug, after <paramref name="afterSlug"/>.</summary>
    public async Task<IReadOnlyList<KeywordEntity>> WeighedInAsync(int generation, string? afterSlug, int max, CancellationToken cancellationToken) =>
        await QueryAsync<KeywordEntity>(storage.KeywordsTable, afterSlug is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.WeighingPartition(generation)}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.WeighingPartition(generation)} and RowKey gt {afterSlug}"), max, cancellationToken);

    /// <summary>The articles a keyword or tag partition weighs most, heaviest first.</summary>
    public async Task<IReadOnlyList<KeywordEntity>> TopArticlesAsync(string partition, int max, CancellationToken cancellationToken) =>
        await QueryAsync<KeywordEntity>(storage.KeywordsTable,
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {TableKeys.KeywordRowsEnd}"), max, cancellationToken);

    /// <summary>
    /// Every row of an index table, or of the partitions whose key starts with <paramref name="partitionPrefix"/>, 1,000
    /// a query; null once there are more than <paramref name="maxRows"/> (the table is then left to its lookups).
    /// </summary>
    public async Task<IReadOnlyList<T>?> ReadWholeAsync<T>(IndexTable table, string? partitionPrefix, int maxRows, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var filter = partitionPrefix is null
            ? null
            : TableClient.CreateQueryFilter($"PartitionKey ge {partitionPrefix} and PartitionKey lt {partitionPrefix[..^1] + (char)(partitionPrefix[^1] + 1)}");
        var rows = new List<T>();
        await foreach (var page in Table(table).QueryAsync<T>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).AsPages())
        {
            rows.AddRange(page.Values);
            if (rows.Count > maxRows)
            {
                return null;
            }
        }
        return rows;
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
