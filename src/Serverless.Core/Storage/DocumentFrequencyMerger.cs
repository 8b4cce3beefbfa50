using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Serverless.Core.Storage;

/// <summary>
/// Applies the articles' pending counts (<see cref="PendingCountsEntity"/>) to the document frequencies, of which it is
/// the only writer; the site-file stage runs it once per window, however many publishes asked. Each batch (one
/// partition, at most 100 entities) brings the counts of a few articles from what they hold for each
/// (<see cref="CountedTermsEntity"/>) to what it counts now, rewrites those rows with them, and is conditioned on every
/// row it read. Applying an article's pending counts again then changes nothing: a crash before they are deleted, or a
/// concurrent merger (whose batch fails, is read again and comes out empty), never counts twice. A pending row is
/// deleted only in the version applied: one rewritten by an ingest meanwhile stays for the next pass.
/// </summary>
public sealed partial class DocumentFrequencyMerger(StorageClients storage, DocumentFrequencies frequencies, ILogger<DocumentFrequencyMerger> logger)
{
    /// <summary>Pending rows read and merged together: the ~150 of a window at 50 publishes/s fit in one page.</summary>
    public const int PageSize = 200;

    /// <summary>
    /// Pending rows one pass merges before it leaves the rest to the next (which the stage asks for): bounds a pass
    /// (at worst ~220 batches and ~1,500 reads, seconds) however large the backlog.
    /// </summary>
    public const int MaxPerPass = 1_000;

    private const int MaxBatchEntities = TableTransactions.MaxActions;

    public async Task<DocumentFrequencyMerge> MergeAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var merged = 0;
        foreach (var partition in TableKeys.PendingCountsPartitions)
        {
            string? after = null;
            for (var more = true; more;)
            {
                if (merged >= MaxPerPass)
                {
                    LogPassFull(merged);
                    return new DocumentFrequencyMerge(merged, Complete: false);
                }
                var page = await ReadPendingAsync(partition, after, cancellationToken);
                if (page.Rows.Count > 0)
                {
                    await MergePageAsync(partition, page.Rows, cancellationToken);
                    merged += page.Rows.Count;
                    after = page.Rows[^1].RowKey;
                }
                more = page.More;
            }
        }
        if (merged > 0)
        {
            LogMerged(merged);
        }
        return new DocumentFrequencyMerge(merged, Complete: true);
    }

    /// <summary>Up to <see cref="PageSize"/> pending rows after <paramref name="after"/>, and whether more may follow.</summary>
    private async Task<PendingPage> ReadPendingAsync(string partition, string? after, CancellationToken cancellationToken)
    {
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after}");
        var rows = new List<PendingCountsEntity>();
        await foreach (var page in storage.KeywordsTable.QueryAsync<PendingCountsEntity>(filter, maxPerPage: PageSize, cancellationToken: cancellationToken).AsPages())
        {
            // The service may answer with fewer rows and a continuation: only its absence says the partition is read.
            rows.AddRange(page.Values);
            if (page.ContinuationToken is null)
            {
                return new PendingPage(rows, More: false);
            }
            if (rows.Count >= PageSize)
            {
                break;
            }
        }
        return new PendingPage(rows.Count > PageSize ? rows[..PageSize] : rows, More: true);
    }

    private async Task MergePageAsync(string partition, IReadOnlyList<PendingCountsEntity> page, CancellationToken cancellationToken)
    {
        var totals = new Totals();
        for (var next = 0; next < page.Count;)
        {
            // Only another merger, or an ingest from before the merger existed, makes a batch fail; reading again settles it.
            next += await OptimisticConcurrency.RetryAsync(async attempt =>
            {
                if (attempt > 1)
                {
                    // Mergers of several instances (or windows) meet on the corpus row and the common terms: spread out.
                    totals = new Totals();
                    await OptimisticConcurrency.BackOffAsync(attempt, cancellationToken);
                }
                await ReadTotalsAsync(totals, page.Skip(next).ToList(), cancellationToken);
                var batch = Batch(totals, page, next);
                if (batch.Actions.Count > 0)
                {
                    var responses = (await storage.KeywordsTable.SubmitTransactionAsync(batch.Actions, cancellationToken)).Value;
                    for (var index = 0; index < batch.Applied.Count; index++)
                    {
                        batch.Applied[index](responses[index].Headers.ETag);
                    }
                }
                return batch.PendingRows;
            }, LogConflict, exception => exception is TableTransactionFailedException { Status: 404 or 409 or 412 }, OptimisticConcurrency.SharedWriteAttempts);
        }
        await DeletePendingAsync(page, cancellationToken);
    }

    /// <summary>Reads the rows the pending rows need that are not known yet: their merged rows, then the terms they change, and the corpus.</summary>
    private async Task ReadTotalsAsync(Totals totals, IReadOnlyList<PendingCountsEntity> pending, CancellationToken cancellationToken)
    {
        var table = storage.KeywordsTable;
        var mergedKeys = pending.Select(row => TableKeys.CountedTermsRow(row.RowKey)).Where(key => !totals.Merged.ContainsKey(key)).ToList();
        var merged = await table.QueryRowsAsync<CountedTermsEntity>(TableKeys.TermCountPartition, mergedKeys, cancellationToken);
        Totals.Know(totals.Merged, mergedKeys, merged);

        var changes = pending.Select(row => Change.Of(row, totals.Merged[TableKeys.CountedTermsRow(row.RowKey)])).ToList();
        var termKeys = changes.SelectMany(change => change.Added.Concat(change.Removed)).Distinct(StringComparer.Ordinal).Where(key => !totals.Terms.ContainsKey(key)).ToList();
        var terms = frequencies.ReadTermRowsAsync(termKeys, cancellationToken);
        if (totals.Corpus is null && changes.Any(change => change.Corpus != 0))
        {
            totals.Corpus = [.. await frequencies.ReadCorpusAsync(cancellationToken)];
        }
        Totals.Know(totals.Terms, termKeys, await terms);
    }

    /// <summary>
    /// The batch applying pending rows from <paramref name="next"/> on, as many as fit in one (at least one: an article
    /// changes at most 40 terms, its merged row and the corpus rows).
    /// </summary>
    private static MergeBatch Batch(Totals totals, IReadOnlyList<PendingCountsEntity> page, int next)
    {
        var termChanges = new Dictionary<string, int>(StringComparer.Ordinal);
        var mergedWrites = new List<(PendingCountsEntity Pending, CountedTermsEntity? Current)>();
        var corpusChange = 0;
        var count = next;
        for (; count < page.Count; count++)
        {
            var pending = page[count];
            var current = totals.Merged[TableKeys.CountedTermsRow(pending.RowKey)];
            var change = Change.Of(pending, current);
            var writesMerged = current is null || !current.Counted.SameAs(pending.Counted);
            var entities = termChanges.Count + mergedWrites.Count + (corpusChange != 0 ? totals.Corpus!.Count + 1 : 0)
                + change.Added.Concat(change.Removed).Count(term => !termChanges.ContainsKey(term)) + (writesMerged ? 1 : 0)
                + (change.Corpus != 0 && corpusChange == 0 ? totals.Corpus!.Count + 1 : 0);
            if (count > next && entities > MaxBatchEntities)
            {
                break;
            }
            foreach (var term in change.Added)
            {
                termChanges[term] = termChanges.GetValueOrDefault(term) + 1;
            }
            foreach (var term in change.Removed)
            {
                termChanges[term] = termChanges.GetValueOrDefault(term) - 1;
            }
            corpusChange += change.Corpus;
            if (writesMerged)
            {
                mergedWrites.Add((pending, current));
            }
        }

        var batch = new MergeBatch(count - next);
        foreach (var (term, change) in termChanges.Where(pair => pair.Value != 0))
        {
            CountAction(batch, totals.Terms, totals.Terms[term], term, change);
        }
        if (corpusChange != 0)
        {
            CorpusActions(batch, totals, corpusChange);
        }
        foreach (var (pending, current) in mergedWrites)
        {
            var row = new CountedTermsEntity { RowKey = TableKeys.CountedTermsRow(pending.RowKey), Counted = pending.Counted };
            batch.Add(current is null
                ? new TableTransactionAction(TableTransactionActionType.Add, row)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, current.ETag),
                etag => Totals.Learn(totals.Merged, row.RowKey, row, etag));
        }
        return batch;
    }

    private static void CountAction(MergeBatch batch, Dictionary<string, TermCountEntity?> known, TermCountEntity? row, string rowKey, int change)
    {
        var count = (row?.Count ?? 0) + change;
        var updated = new TermCountEntity { RowKey = rowKey, Count = count };
        if (row is null)
        {
            // A count to take away from a row that is not there: counts from before the ledger rows may be off; nothing to do.
            if (count > 0)
            {
                batch.Add(new TableTransactionAction(TableTransactionActionType.Add, updated), etag => Totals.Learn(known, rowKey, updated, etag));
            }
        }
        else if (count > 0)
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, updated, row.ETag), etag => Totals.Learn(known, rowKey, updated, etag));
        }
        else
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag), _ => known[rowKey] = null);
        }
    }

    /// <summary>The corpus row changed, and the shards concurrent ingests used to write folded into it.</summary>
    private static void CorpusActions(MergeBatch batch, Totals totals, int change)
    {
        var rows = totals.Corpus!;
        var row = rows.SingleOrDefault(candidate => candidate.RowKey == TableKeys.CorpusRow);
        var updated = new TermCountEntity { RowKey = TableKeys.CorpusRow, Count = Math.Max(0, rows.Sum(candidate => candidate.Count) + change) };
        batch.Add(row is null
            ? new TableTransactionAction(TableTransactionActionType.Add, updated)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, updated, row.ETag),
            etag =>
            {
                updated.ETag = etag ?? default;
                totals.Corpus = etag is null ? null : [updated];
            });
        foreach (var shard in rows.Where(candidate => candidate.RowKey != TableKeys.CorpusRow))
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, shard, shard.ETag), _ => { });
        }
    }

    /// <summary>Deletes the merged pending rows, each only in the version read: one rewritten meanwhile is merged by the next pass.</summary>
    private async Task DeletePendingAsync(IReadOnlyList<PendingCountsEntity> page, CancellationToken cancellationToken) =>
        await TableTransactions.SubmitAsync(storage.KeywordsTable, page.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag)),
            (_, failure) => failure.Status is 404 or 412, cancellationToken);

    /// <summary>What applying one pending row changes, from what the frequencies hold for its article.</summary>
    private sealed record Change(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, int Corpus)
    {
        public static Change Of(PendingCountsEntity pending, CountedTermsEntity? current)
        {
            var from = current?.Counted ?? pending.Base;
            var to = pending.Counted;
            return new Change(
                [.. to.Terms.Except(from.Terms, StringComparer.Ordinal)],
                [.. from.Terms.Except(to.Terms, StringComparer.Ordinal)],
                (to.InCorpus ? 1 : 0) - (from.InCorpus ? 1 : 0));
        }
    }

    /// <summary>Rows of the frequencies partition as last read or written in this pass, by RowKey; null when known absent.</summary>
    private sealed class Totals
    {
        public Dictionary<string, CountedTermsEntity?> Merged { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, TermCountEntity?> Terms { get; } = new(StringComparer.Ordinal);

        /// <summary>The corpus rows; null until read.</summary>
        public List<TermCountEntity>? Corpus { get; set; }

        public static void Know<T>(Dictionary<string, T?> known, IEnumerable<string> keys, IReadOnlyList<T> found) where T : class, ITableEntity
        {
            foreach (var key in keys)
            {
                known[key] = null;
            }
            foreach (var row in found)
            {
                known[row.RowKey] = row;
            }
        }

        /// <summary>A row this pass wrote, with the version storage gave it; without one it is read again when next needed.</summary>
        public static void Learn<T>(Dictionary<string, T?> known, string key, T row, ETag? etag) where T : class, ITableEntity
        {
            if (etag is { } version)
            {
                row.ETag = version;
                known[key] = row;
            }
            else
            {
                known.Remove(key);
            }
        }
    }

    /// <summary>One batch of the frequencies partition: its actions, what to remember once each is applied, and the pending rows it merges.</summary>
    private sealed class MergeBatch(int pendingRows)
    {
        public int PendingRows { get; } = pendingRows;

        public List<TableTransactionAction> Actions { get; } = [];

        public List<Action<ETag?>> Applied { get; } = [];

        public void Add(TableTransactionAction action, Action<ETag?> applied)
        {
            Actions.Add(action);
            Applied.Add(applied);
        }
    }

    private sealed record PendingPage(IReadOnlyList<PendingCountsEntity> Rows, bool More);

    [LoggerMessage(Level = LogLevel.Information, Message = "Merged {Count} pending counts into the document frequencies")]
    private partial void LogMerged(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Merged {Count} pending counts, this pass's share; the next pass merges the rest")]
    private partial void LogPassFull(int count);

    // Information: concurrent passes (two site-file deliveries at once) meet routinely and settle by reading again.
    [LoggerMessage(Level = LogLevel.Information, Message = "Document frequencies written by another merger meanwhile (attempt {Attempt}); reading them again")]
    private partial void LogConflict(int attempt);
}
