using Azure;
using Microsoft.Extensions.Logging;
using Serverless.Core.Ingest;
using Serverless.Core.Linking;
using Serverless.Core.Storage;

namespace Serverless.Core.Render;

/// <summary>
/// Keeps keyword weights right as the corpus grows. An article's keywords are weighed at ingest against the document
/// frequencies of the day; in a corpus that has since doubled, the same words weigh differently, and an early article of
/// an archive import (weighed against a handful of others) would keep keywords no full computation would give it. Each
/// article is listed in the index partition of the corpus size it was weighed against (<see cref="RelatedArticles.Generation"/>);
/// once the corpus has doubled, a chain of render-queue messages reads those partitions a page at a time, oldest
/// generation first, and weighs each article again from its stored term frequencies, moving it to the current
/// generation. Its page is rendered again when its keywords changed. No pass over the corpus: a generation is read
/// only when due, and an article is weighed again about log2(growth) times in the life of a corpus. A chain started
/// while the corpus grows (an archive import) waits until it has not grown for <see cref="RenderQueueClient.SettleDelay"/>,
/// for at most <see cref="RenderQueueClient.MaxDelay"/> (up to <see cref="RenderQueueClient.MaxHoldStep"/> on an instance
/// holding the import's renders, as long as they are held): an import is then weighed again once, at its end, by the
/// instance that held its renders (<see cref="ImportSettlement"/>; the chain waits for it) or by the chain.
/// </summary>
public sealed partial class KeywordReweigher(ArticleRepository repository, ArticleIndex index, DocumentFrequencies frequencies, RenderQueueClient queue, AffectedPages impact,
    IndexReadCache reads, TimeProvider time, ILogger<KeywordReweigher> logger)
{
    /// <summary>Articles weighed per message: each costs a few requests (record, frequencies, changed index rows).</summary>
    public const int PageSize = 50;

    /// <summary>
    /// Articles weighed per page when an instance weighs every article due at once (<see cref="WeighDueAsync"/>): their
    /// index rows are written in a transaction per partition, and the more articles a page holds, the more of them share
    /// one (their weighing generation, their commonest keywords).
    /// </summary>
    public const int DuePageSize = 500;

    /// <summary>Articles of a page weighed at once: each is a chain of dependent requests.</summary>
    private const int Concurrency = 8;

    /// <summary>
    /// The most rows of document frequencies read whole for a settlement (<see cref="DocumentFrequencies.ReadWholeAsync"/>):
    /// ~10 MB held, 200 queries. A larger vocabulary is read per article instead, as the chain does.
    /// </summary>
    public const int MaxFrequencyRowsHeld = 200_000;

    /// <summary>
    /// The most rows of document frequencies read whole for one page of the chain: 50 queries of 1,000 rows at most,
    /// half the queries its <see cref="PageSize"/> articles would make reading their own (a larger vocabulary is read
    /// per article).
    /// </summary>
    public const int MaxFrequencyRowsPerChainPage = PageSize * 1000;

    private bool _vocabularyPastChainPage;

    /// <summary>
    /// One page of a due generation: its articles weighed again, then the request for the next page, or for the next
    /// generation still due. Redelivered after a crash, it redoes the page: an article already weighed again is no
    /// longer in it, and one half done is finished (<see cref="ReweighAsync"/>).
    /// </summary>
    public async Task ContinueAsync(KeywordReweighing request, CancellationToken cancellationToken)
    {
        var corpus = await frequencies.CorpusAsync(cancellationToken);
        if (request is { CorpusWhenAsked: { } asked, AskedAt: { } askedAt })
        {
            if (RelatedArticles.Generation(corpus) > RelatedArticles.Generation(asked))
            {
                // The merge that took the corpus to a later step asked for a chain of its own, which waits in turn.
                LogSuperseded(asked, corpus);
                return;
            }
            // An instance holding an import's renders keeps them, and its settlement weighs, as long as the import
            // lasts (RenderQueueClient.KeepHeldAsync): the chain waits as long, up to the longest hold.
            var patience = queue.HoldsRenders ? RenderQueueClient.MaxHoldStep : queue.MaxDelay;
            if ((corpus > asked || queue.HoldsRenders) && time.GetUtcNow() - askedAt < patience)
            {
                // Still growing; or quiet, but this instance holds the import's renders: its settlement weighs the
                // articles before letting them go, and weighing them here at the same moment writes their rows twice.
                await queue.RequestReweighingAsync(request with { CorpusWhenAsked = corpus }, cancellationToken);
                return;
            }
        }
        var generation = request.Generation;
        IReadOnlyList<KeywordEntity> page = [];
        // Empty generations (most of them, in a corpus that grew fast) cost one query each, in this message.
        while (IsToVisit(generation, corpus))
        {
            page = await index.WeighedInAsync(generation, request.Generation == generation ? request.After : null, PageSize, cancellationToken);
            if (page.Count > 0)
            {
                break;
            }
            generation++;
        }
        if (page.Count == 0)
        {
            return;
        }
        // A full page is an import's worth, or a grown corpus's: the frequencies read whole cost fewer queries than
        // the page's articles reading theirs (two each), as long as they are not many more rows than those reads return.
        DocumentFrequencySnapshot? whole = null;
        if (page.Count == PageSize && !Volatile.Read(ref _vocabularyPastChainPage))
        {
            whole = await frequencies.ReadWholeAsync(MaxFrequencyRowsPerChainPage, cancellationToken);
            // A vocabulary only grows: once past the bound, this instance's pages read per article from then on.
            Volatile.Write(ref _vocabularyPastChainPage, whole is null);
        }
        await WeighPageAsync([.. page.Select(row => row.Slug)], generation, corpus, cancellationToken, whole);
        await queue.RequestReweighingAsync(page.Count == PageSize ? new KeywordReweighing(generation, page[^1].Slug) : new KeywordReweighing(generation + 1), cancellationToken);
    }

    /// <summary>
    /// Weighs again, here and now, every article due against the corpus as it stands: what the chain of messages does a
    /// page per message. An instance that held an import's renders does it before letting them go
    /// (<see cref="ImportSettlement"/>), so that each page renders once, from the keywords it keeps; the chain then
    /// finds them weighed (one read each). Once a chain message's page is due (an import's worth), the document frequencies are
    /// read whole, once, rather than per article (about ten queries each). Returns the articles whose keywords changed.
    /// </summary>
    public async Task<int> WeighDueAsync(CancellationToken cancellationToken)
    {
        var corpus = await frequencies.CorpusAsync(cancellationToken);
        var changed = 0;
        DocumentFrequencySnapshot? whole = null;
        var wholeTried = false;
        for (var generation = 0; IsToVisit(generation, corpus); generation++)
        {
            string? after = null;
            IReadOnlyList<KeywordEntity> page;
            do
            {
                page = await index.WeighedInAsync(generation, after, DuePageSize, cancellationToken);
                if (page.Count >= PageSize && !wholeTried)
                {
                    wholeTried = true;
                    whole = await frequencies.ReadWholeAsync(MaxFrequencyRowsHeld, cancellationToken);
                }
                changed += await WeighPageAsync([.. page.Select(row => row.Slug)], generation, corpus, cancellationToken, whole);
                after = page.Count > 0 ? page[^1].Slug : null;
            }
            while (page.Count == DuePageSize);
        }
        return changed;
    }

    /// <summary>
    /// Weighs the live articles named against the corpus of today, due or not, for a republish
    /// (<see cref="Admin.RepublishPhase.Keywords"/>): after it, an article's keywords no longer depend on the corpus it
    /// was published or last weighed in, so any two histories of one corpus suggest the same articles in the same order.
    /// Renders nothing: the republish renders every page once every article is weighed. One already weighed against
    /// this corpus, its index rows saying so, costs one read.
    /// </summary>
    public async Task WeighAgainstCorpusAsync(IReadOnlyList<string> slugs, CancellationToken cancellationToken)
    {
        var corpus = await frequencies.CorpusAsync(cancellationToken);
        DocumentFrequencySnapshot? whole = null;
        if (slugs.Count >= PageSize && !Volatile.Read(ref _vocabularyPastChainPage))
        {
            whole = await frequencies.ReadWholeAsync(MaxFrequencyRowsPerChainPage, cancellationToken);
            Volatile.Write(ref _vocabularyPastChainPage, whole is null);
        }
        await WeighPageAsync(slugs, RelatedArticles.Generation(corpus), corpus, cancellationToken, whole, againstToday: true);
    }

    /// <summary>
    /// The articles of one page of a generation weighed again, a few at a time; their index rows then written together,
    /// a transaction per partition (<see cref="ArticleIndex.ApplyManyAsync"/>), and each record saying so. Returns how
    /// many changed. The order per article is <see cref="ReweighAsync"/>'s, so a crash anywhere leaves what it leaves.
    /// </summary>
    /// <param name="againstToday">Weighed whether due or not, no render sent (<see cref="WeighAgainstCorpusAsync"/>).</param>
    private async Task<int> WeighPageAsync(IReadOnlyList<string> page, int generation, int corpus, CancellationToken cancellationToken,
        DocumentFrequencySnapshot? whole = null, bool againstToday = false)
    {
        if (page.Count == 0)
        {
            return 0;
        }
        var options = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
        var weighed = new System.Collections.Concurrent.ConcurrentBag<WeighedArticle>();
        await Parallel.ForEachAsync(page, options, async (slug, token) =>
        {
            try
            {
                // An ingest or a render may save the record meanwhile: weighed again from what it holds then.
                if (await OptimisticConcurrency.RetryAsync(attempt => WeighRecordAsync(slug, corpus, attempt == 1 ? whole : null, token, againstToday),
                        isConflict: exception => exception.Status == 412) is { } article)
                {
                    weighed.Add(article);
                }
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                // Renders kept saving the record (a burst): it stays in its generation, for the chain the next step
                // starts, rather than holding up the page.
                LogLeftBehind(slug, generation);
            }
        });
        var articles = weighed.ToList();
        var rows = await index.ApplyManyAsync([.. articles.Select(article => new IndexChange(article.Record.Indexed.Rows, [.. ArticleRecords.IndexEntries(article.Record)]))],
            cancellationToken);
        var changed = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, articles.Count), options, async (position, token) =>
        {
            var (record, rendersAgain) = articles[position];
            record.Indexed = record.Indexed with { Rows = rows[position] };
            try
            {
                await repository.SaveArticleAsync(record, record, token);
            }
            catch (RequestFailedException exception) when (exception.Status == 412)
            {
                // Saved meanwhile, without the rows just written: weighed again alone, which records them.
                try
                {
                    await ReweighAsync(record.Slug, corpus, token, againstToday);
                }
                catch (RequestFailedException again) when (again.Status == 412)
                {
                    LogLeftBehind(record.Slug, generation);
                }
            }
            if (rendersAgain)
            {
                Interlocked.Increment(ref changed);
                if (!againstToday)
                {
                    await queue.EnqueueAsync([record.Slug], token, delayed: true);
                }
            }
        });
        LogPage(generation, page.Count, changed, corpus);
        return changed;
    }

    /// <summary>
    /// Weighs the article's keywords again against the current document frequencies and makes its index rows say so;
    /// renders its page when its keywords changed. Returns whether they did. One already weighed against a corpus it is
    /// not due against (of <paramref name="corpus"/> articles), its index rows saying so, is left alone after one read:
    /// two merges that each saw the corpus enter a new step start two chains over the same pages.
    /// </summary>
    /// <param name="againstToday">Weighed whether due or not, no render sent (<see cref="WeighAgainstCorpusAsync"/>).</param>
    public async Task<bool> ReweighAsync(string slug, int corpus, CancellationToken cancellationToken, bool againstToday = false)
    {
        // An ingest or a render may save the record meanwhile: weighed again from what it holds then.
        return await OptimisticConcurrency.RetryAsync(_ => ReweighOnceAsync(slug, corpus, againstToday, cancellationToken), isConflict: exception => exception.Status == 412);
    }

    private async Task<bool> ReweighOnceAsync(string slug, int corpusNow, bool againstToday, CancellationToken cancellationToken)
    {
        if (await WeighRecordAsync(slug, corpusNow, whole: null, cancellationToken, againstToday) is not { } weighed)
        {
            return false;
        }
        var record = weighed.Record;
        record.Indexed = record.Indexed with { Rows = await index.ApplyAsync(record.Indexed.Rows, [.. ArticleRecords.IndexEntries(record)], cancellationToken) };
        await repository.SaveArticleAsync(record, record, cancellationToken);
        if (weighed.RendersAgain && !againstToday)
        {
            await queue.EnqueueAsync([slug], cancellationToken, delayed: true);
        }
        return weighed.RendersAgain;
    }

    /// <summary>
    /// The article's keywords weighed again and saved in its record, its index rows still to write: the record first,
    /// then its index rows, then the record listing them, so a crash in between leaves the article in its old
    /// generation's partition, where the page's redelivery finds it and finishes. Null when there is nothing to do.
    /// </summary>
    /// <param name="whole">The document frequencies read whole, if they were: the article's counts are taken from them.</param>
    /// <param name="againstToday">Weighed unless weighed against this very corpus, not only when due.</param>
    private async Task<WeighedArticle?> WeighRecordAsync(string slug, int corpusNow, DocumentFrequencySnapshot? whole, CancellationToken cancellationToken,
        bool againstToday = false)
    {
        var record = await repository.GetArticleAsync(slug, cancellationToken);
        if (record is not { IsLive: true } || IsWeighedFor(record, corpusNow, againstToday))
        {
            return null;
        }
        var counts = whole?.For(slug) ?? await frequencies.ReadAsync([.. record.TermFrequencies.Keys], slug, previousSlug: null, cancellationToken);
        var merged = counts.Article.MergedBy(record.Indexed);
        var mergedTerms = merged.Terms.ToHashSet(StringComparer.Ordinal);
        // Weighed as ingest weighs it: as if counted, whether or not its own count has been merged yet.
        var corpus = counts.Corpus + (merged.InCorpus ? 0 : 1);
        var keywords = RelatedArticles.WeighKeywords(record.TermFrequencies, term => counts.DocumentFrequency(term) + (mergedTerms.Contains(term) ? 0 : 1), corpus);
        var changed = !keywords.OrderBy(pair => pair.Key, StringComparer.Ordinal).SequenceEqual(record.Keywords.OrderBy(pair => pair.Key, StringComparer.Ordinal));
        record.Keywords = keywords;
        record.WeighedCorpus = corpus;
        var affectedPending = record.AffectedPagesPending;
        // Its citation rows written by this weighing (an import's new article): its page then tells the pages it cites.
        var citationsToWrite = !ArticleRecords.CitationsIndexed(record);
        if (affectedPending)
        {
            await TellAffectedPagesAsync(record, cancellationToken);
            record.AffectedPagesPending = false;
        }
        await repository.SaveArticleAsync(record, record, cancellationToken);
        // A new article of an import renders once its rows are written, to tell the pages it cites (RenderedLinks.CitedUntold).
        return new WeighedArticle(record, changed || affectedPending || citationsToWrite);
    }

    /// <summary>
    /// Tells the pages a new article of an import affects (those citing it, its neighbours in its tags), which its ingest
    /// left to this weighing (<see cref="ArticleEntity.AffectedPagesPending"/>): found through the instance's shared
    /// reads (from the settlement's snapshot when it was read after the record was last written, by its ingest), their
    /// renders sent delayed (those the import holds serve them). Done before the record is saved saying so, while the
    /// article is still listed as weighed against nothing: a crash before the save has it weighed, and told, again.
    /// </summary>
    private async Task TellAffectedPagesAsync(ArticleEntity record, CancellationToken cancellationToken)
    {
        var fresh = reads.After(record.Timestamp + OutputPublisher.ClockSkew);
        var snapshot = ArticleSnapshot.Of(record);
        var neighbours = await impact.NeighboursAsync(before: null, snapshot, cancellationToken, fresh);
        var citing = await impact.CitingAsync(snapshot, cancellationToken, fresh);
        // Pages this instance rendered since the ingest (an import longer than the longest render delay shows its
        // held renders as it goes) read the article already: no message for them.
        await queue.EnqueueAsync(citing.Slugs.Concat(neighbours), cancellationToken, delayed: true, citing: citing.Continuations, changedAt: record.Timestamp);
    }

    /// <summary>
    /// Whether a chain reads the partition of <paramref name="generation"/>: when due, and always the first, which also
    /// holds the articles an import left unweighed (weighed against no corpus), due whatever the corpus.
    /// </summary>
    private static bool IsToVisit(int generation, int corpus) => generation == 0 || RelatedArticles.IsDue(generation, corpus);

    /// <summary>
    /// Weighed (an import may have left it unweighed: <see cref="ArticleEntity.WeighedCorpus"/> 0) against a corpus
    /// <paramref name="corpus"/> does not make due (<paramref name="againstToday"/>: against that very corpus), and indexed
    /// as weighed: nothing left to do.
    /// </summary>
    private static bool IsWeighedFor(ArticleEntity record, int corpus, bool againstToday) =>
        record.WeighedCorpus > 0 && !record.AffectedPagesPending
        && (againstToday ? record.WeighedCorpus == corpus : !RelatedArticles.IsDue(RelatedArticles.Generation(record.WeighedCorpus), corpus))
        && ArticleRecords.IndexEntries(record).Select(ArticleIndex.RowOf).ToHashSet().SetEquals(record.Indexed.Rows);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Keyword re-weighing asked at a corpus of {Asked} left to the one the corpus of {Corpus} asked for")]
    private partial void LogSuperseded(int asked, int corpus);

    [LoggerMessage(Level = LogLevel.Information, Message = "Keywords of {Slug} not weighed again: its record kept changing; left in generation {Generation} for the next chain")]
    private partial void LogLeftBehind(string slug, int generation);

    [LoggerMessage(Level = LogLevel.Information, Message = "Keywords weighed again in generation {Generation}: {Count} articles, {Changed} changed (corpus {Corpus})")]
    private partial void LogPage(int generation, int count, int changed, int corpus);
}
