using Azure;
using Microsoft.Extensions.Logging;
using Serverless.Core.Storage;

namespace Serverless.Core.Ingest;

/// <summary>
/// Keeps what the indexes hold of an article in line with its record: its rows in the link, title and keyword
/// indexes, and the terms it declares for the document frequencies; the record then says what they hold
/// (<see cref="ArticleEntity.Indexed"/>), so the next change removes exactly that.
/// </summary>
public sealed partial class ArticleIndexer(ArticleRepository repository, ArticleIndex index, DocumentFrequencies frequencies, ILogger<ArticleIndexer> logger)
{
    /// <summary>
    /// Makes the indexes hold what the record says (nothing, when it is no longer live; a new article of an import
    /// leaves most rows to its weighing: <see cref="ArticleRecords.IngestEntries"/>), counts its terms in the
    /// document frequencies, then records what the indexes hold in the record. Returns whether its counts wait for the merger.
    /// </summary>
    /// <param name="counts">The article's counts already read, if any: saves reading them again.</param>
    public async Task<bool> UpdateAsync(ArticleEntity record, IReadOnlyList<string> terms, CancellationToken cancellationToken, ArticleCounts? counts = null)
    {
        var current = record.Indexed;
        var live = record.IsLive;
        var rows = await index.ApplyAsync(current.Rows, live ? [.. ArticleRecords.IngestEntries(record)] : [], cancellationToken);
        var counted = await CountTermsAsync(record.Slug, current, live ? new CountedTerms(terms, InCorpus: true) : CountedTerms.None, counts, cancellationToken);
        var indexed = new IndexState(rows, counted.Counted.Terms, counted.Counted.InCorpus);
        if (Json.Write(indexed) == record.IndexedJson)
        {
            return counted.Pending;
        }
        return await OptimisticConcurrency.RetryAsync(async attempt =>
        {
            if (attempt > 1)
            {
                // Another write of the record since (a reweighing): keep it, record the indexes on top.
                record = await repository.GetArticleAsync(record.Slug, cancellationToken) ?? throw new InvalidOperationException($"The record of '{record.Slug}' vanished.");
            }
            record.Indexed = indexed;
            await repository.SaveArticleAsync(record, record, cancellationToken);
            return counted.Pending;
        }, isConflict: exception => exception.Status == 412);
    }

    /// <summary>
    /// Document frequencies are counted once per article and term: the article's pending counts say what it counts now,
    /// and the merger (site-file stage, which the caller asks) brings the shared counts to that, so no ingest writes a
    /// count another may be writing. What was declared is read back first: a redelivery finding it done but still
    /// pending asks for the merge again (a crash may have come before the request). A write conflicting with another
    /// delivery of this article, or with the merger taking its row, is read again and retried; if it keeps conflicting,
    /// the record keeps what it said (the next ingest catches up): publishing never waits on the counts.
    /// </summary>
    private async Task<DeclaredCounts> CountTermsAsync(string slug, IndexState current, CountedTerms wanted, ArticleCounts? read, CancellationToken cancellationToken)
    {
        // A conflict is read again: the other delivery's counts, or the merger's, are the ones to start from.
        static bool Conflicts(RequestFailedException exception) => exception.Status is 404 or 409 or 412;
        try
        {
            return await OptimisticConcurrency.RetryAsync(async attempt =>
            {
                var counts = attempt == 1 && read is not null ? read : await frequencies.ReadArticleAsync(slug, cancellationToken);
                if (counts.DeclaredBy(current).SameAs(wanted))
                {
                    return new DeclaredCounts(wanted, Pending: counts.Pending is not null);
                }
                await frequencies.DeclareAsync(slug, counts, wanted, current, cancellationToken);
                return new DeclaredCounts(wanted, Pending: true);
            }, isConflict: Conflicts);
        }
        catch (RequestFailedException exception) when (Conflicts(exception))
        {
            LogCountsSkipped(slug);
            return new DeclaredCounts(new CountedTerms(current.CountedTerms, current.InCorpus), Pending: true);
        }
    }

    /// <summary>What an article counts, as declared for the merger, and whether that waits for a merge.</summary>
    private sealed record DeclaredCounts(CountedTerms Counted, bool Pending);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pending counts of {Slug} kept conflicting with other deliveries of it; left for its next ingest")]
    private partial void LogCountsSkipped(string slug);
}
