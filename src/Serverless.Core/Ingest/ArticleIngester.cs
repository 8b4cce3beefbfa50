using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Serverless.Core.Articles;
using Serverless.Core.Configuration;
using Serverless.Core.Linking;
using Serverless.Core.Parsing;
using Serverless.Core.Publishing;
using Serverless.Core.Render;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Ingest;

/// <summary>
/// Stage 1 of publishing, run by the blob trigger and the reconciler: parses one uploaded blob, stores the article's
/// render-ready record, brings the indexes in line with it, and enqueues a render for every article whose page may
/// change: the article, the pages citing it, and the articles it is or was related to. Safe under at-least-once and
/// out-of-order delivery: content already processed is recognised with two reads and no write, and an older version
/// of a blob never replaces a newer one. Author mistakes end as status Failed with a message; the previously published
/// version stays served.
/// </summary>
public sealed partial class ArticleIngester(
    StorageClients storage,
    ArticleRepository repository,
    SlugAllocator slugs,
    BodyStore bodies,
    ArticleIndexer indexer,
    DocumentFrequencies frequencies,
    SiteFileRequests siteFiles,
    AffectedPages impact,
    ScheduledReleases releases,
    MediaIngester media,
    DeliveredVersions delivered,
    RenderQueueClient queue,
    Render.ImportSettlement imports,
    Render.NewsRenders news,
    ArticleParser parser,
    PipelineVersion version,
    PublishingMetrics metrics,
    SiteOptions site,
    TimeProvider time,
    ILogger<ArticleIngester> logger)
{
    /// <summary>
    /// An upload's creation time (its date when it gives none) this little ahead is "now" seen from a clock slightly
    /// behind storage's, not a schedule. An author's date gets no allowance: an embargo never lifts early.
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Related articles rendered again when an article is published or changed: the best-scoring ones, offered the
    /// article by its own render (one fan-out message), and those it was related to before the change. A new article
    /// enters another's list of <see cref="RelatedArticles.MaxShown"/> only by outscoring its weakest entry, which
    /// those far down the ranking rarely do; this keeps a publish's cost flat as the corpus grows. Removals are not cut:
    /// every page that may suggest a removed article is rendered again, so none links to it.
    /// </summary>
    public const int MaxRelatedRenders = 10;

    public static bool IsArticle(string blobName) => ReferenceKeys.IsArticleFile(blobName);

    /// <summary>The ingest version recorded with each source; a different one means the blob must be parsed again.</summary>
    public string IngestVersion => version.Ingest;

    public async Task<PublishResult> IngestAsync(string blobName, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        if (MediaIngester.IsMedia(blobName))
        {
            var image = await SourceBlob.DownloadAsync(storage.Articles.GetBlobClient(blobName), media.MaxBytes, cancellationToken);
            return Counted(image is null ? await RemoveBlobAsync(blobName, cancellationToken) : await TakenUpAsync(blobName, image, () => media.IngestAsync(blobName, image, cancellationToken)));
        }
        if (!IsArticle(blobName))
        {
            return Counted(await RecordIgnoredAsync(blobName, await repository.GetSourceAsync(blobName, cancellationToken), cancellationToken));
        }
        var blob = await DownloadAsync(blobName, cancellationToken);
        return Counted(blob is null ? await RemoveBlobAsync(blobName, cancellationToken) : await TakenUpAsync(blobName, blob, () => IngestVersionAsync(blobName, blob, readAgainOnConflict: true, cancellationToken)));
    }

    /// <summary>Processes a downloaded version, known to this process as taken up from now on (<see cref="DeliveredVersions"/>) unless it fails.</summary>
    private async Task<PublishResult> TakenUpAsync(string blobName, SourceBlob blob, Func<Task<PublishResult>> ingest)
    {
        delivered.Add(blobName, blob.ETag);
        try
        {
            return await ingest();
        }
        catch
        {
            delivered.Remove(blobName, blob.ETag);
            throw;
        }
    }

    /// <summary>Processes one downloaded version of the blob: the delivery of that version, whenever it arrives.</summary>
    internal async Task<PublishResult> IngestAsync(string blobName, SourceBlob blob, CancellationToken cancellationToken) =>
        Counted(MediaIngester.IsMedia(blobName) ? await media.IngestAsync(blobName, blob, cancellationToken) : await IngestVersionAsync(blobName, blob, readAgainOnConflict: false, cancellationToken));

    private PublishResult Counted(PublishResult result)
    {
        metrics.Ingested(result.Status);
        return result;
    }

    /// <param name="readAgainOnConflict">
    /// Whether a loser of a concurrent write reads the blob again before retrying. Uploads within one second share a
    /// Last-Modified, so the stale check cannot order them: without reading again, ingests of different versions
    /// each re-apply their own and keep overwriting one another; reading again makes them all settle on the newest.
    /// </param>
    private async Task<PublishResult> IngestVersionAsync(string blobName, SourceBlob blob, bool readAgainOnConflict, CancellationToken cancellationToken)
    {
        try
        {
            return await OptimisticConcurrency.RetryAsync(async attempt =>
            {
                if (attempt > 1 && readAgainOnConflict)
                {
                    if (await DownloadAsync(blobName, cancellationToken) is not { } current)
                    {
                        return await RemoveBlobAsync(blobName, cancellationToken);
                    }
                    blob = current;
                }
                return await IngestSourceAsync(blobName, blob, await repository.GetSourceAsync(blobName, cancellationToken), cancellationToken);
            }, attempt => LogConcurrentWrite(blobName, attempt));
        }
        catch (RequestFailedException exception) when (StorageRefusals.IsRefusal(exception))
        {
            // The same content is refused again on every delivery: the author's to change, not a retry loop.
            LogRefused(blobName, exception);
            return await RecordFailureAsync(blobName, await repository.GetSourceAsync(blobName, cancellationToken), blob,
                StorageRefusals.Message(exception, "this article"), settled: true, cancellationToken);
        }
    }

    /// <summary>Downloads the blob as ingest does (nothing read past the size limit); null when it does not exist.</summary>
    internal Task<SourceBlob?> DownloadAsync(string blobName, CancellationToken cancellationToken) =>
        SourceBlob.DownloadAsync(storage.Articles.GetBlobClient(blobName), site.MaxArticleBytes, cancellationToken);

    /// <summary>The article a downloaded version holds; <see cref="ArticleFormatException"/> says what the author must change.</summary>
    internal Article ParseDownloaded(string blobName, SourceBlob blob) => blob.Content is null
        ? throw new ArticleFormatException(
            string.Create(CultureInfo.InvariantCulture, $"The file is too large: {blob.Length:N0} bytes, where articles are limited to {site.MaxArticleBytes:N0} bytes ({Size(site.MaxArticleBytes)}, setting Site:MaxArticleBytes). Split it, or move images and attachments out of the text."))
        : parser.Parse(new ArticleSource(blobName, SourceText.Decode(blob.Content), blob.Created, blob.LastModified));

    private async Task<PublishResult> IngestSourceAsync(string blobName, SourceBlob blob, SourceEntity? source, CancellationToken cancellationToken)
    {
        if (source?.BlobLastModified > blob.LastModified)
        {
            LogStale(blobName, blob.LastModified, source.BlobLastModified.Value);
            return new PublishResult(blobName, PublishStatus.Unchanged, source.Slug, source.Message, Warnings(source.WarningsJson));
        }
        // A scheduled article is looked at again (reconciliation does so when its date comes), however unchanged.
        if (source is { Settled: true } && source.ContentMd5 == blob.Md5 && source.IngestVersion == version.Ingest && source.SourceStatus != SourceStatus.Scheduled)
        {
            LogUnchanged(blobName);
            return new PublishResult(blobName, PublishStatus.Unchanged, source.Slug, source.Message, Warnings(source.WarningsJson));
        }

        Article article;
        try
        {
            article = ParseDownloaded(blobName, blob);
        }
        catch (ArticleFormatException exception)
        {
            return await RecordFailureAsync(blobName, source, blob, exception.Message, settled: true, cancellationToken);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or RequestFailedException or OutOfMemoryException))
        {
            // Parsing reads nothing but the content, so the same content throws again: the author's to fix, not a retry loop.
            LogUnreadable(blobName, exception);
            return await RecordFailureAsync(blobName, source, blob,
                $"The article could not be read: {exception.Message.TrimEnd('.')}. Simplify its Markdown (very deep nesting of quotes, lists or brackets is the usual cause).",
                settled: true, cancellationToken);
        }

        if (article.Draft)
        {
            if (source?.Slug is { } draftSlug)
            {
                await EnqueueAsync(await UnserveAsync(draftSlug, blobName, blob, ArticleStatus.Draft, "Marked as draft.", movedTo: null, cancellationToken), cancellationToken);
            }
            const string message = "Marked as draft: not published.";
            await SaveSourceAsync(NewSource(blobName, SourceStatus.Draft, blob, source?.Slug, message, [], settled: true), source, cancellationToken);
            return new PublishResult(blobName, PublishStatus.Draft, source?.Slug, message);
        }
        // An author's date is kept to the second (an embargo never lifts early); a date taken from the upload's creation
        // time, by storage's clock, may be a little ahead of this one and is not a schedule.
        if (article.Published > time.GetUtcNow() + (article.DatedByAuthor ? TimeSpan.Zero : ClockSkew))
        {
            // Not public before its date: served nowhere, listed nowhere. A release message publishes it when the time
            // comes (sent before the source is saved: a crash between the two sends it again); reconciliation is the safety net.
            var message = $"Scheduled: public from {article.Published.UtcDateTime:yyyy-MM-dd HH:mm} UTC.";
            if (source?.Slug is { } scheduledSlug)
            {
                await EnqueueAsync(await UnserveAsync(scheduledSlug, blobName, blob, ArticleStatus.Draft, message, movedTo: null, cancellationToken), cancellationToken);
            }
            await releases.ScheduleAsync(blobName, article.Published, cancellationToken);
            var scheduled = NewSource(blobName, SourceStatus.Scheduled, blob, source?.Slug, message, article.Warnings, settled: true);
            scheduled.ReleaseAt = article.Published;
            await SaveSourceAsync(scheduled, source, cancellationToken);
            return new PublishResult(blobName, PublishStatus.Scheduled, source?.Slug, message);
        }
        return await PublishAsync(blobName, blob, source, article, cancellationToken);
    }

    private async Task<PublishResult> PublishAsync(string blobName, SourceBlob blob, SourceEntity? source, Article article, CancellationToken cancellationToken)
    {
        var (slug, existing, holder) = await slugs.ChooseAsync(blobName, article, source?.Slug, cancellationToken);
        if (slug is null)
        {
            return await RecordFailureAsync(blobName, source, blob,
                $"The slug '{article.Slug}' and its numbered forms up to '{Slugs.Numbered(article.Slug, SlugAllocator.MaxSlugNumber)}' are all used by other articles. Give this article another title, or a 'slug' in its front matter.",
                settled: false, cancellationToken);
        }
        if (slug != article.Slug && holder is null)
        {
            article = article with
            {
                Warnings = [.. article.Warnings, $"The title now makes the URL '{article.Slug}', but the article keeps the one it was published at, '{slug}', so that links already shared go on working. To move it, set 'slug: {article.Slug}' in the front matter: the old URL then redirects."],
                Slug = slug,
                SlugSource = SlugSource.Published,
            };
        }
        else if (holder is not null)
        {
            article = article with
            {
                Slug = slug,
                Warnings = [.. article.Warnings, $"The slug '{article.Slug}' is already used by '{holder}', so this article is published at '{slug}'. Give it another title, or a 'slug' in its front matter, to choose its URL."],
            };
        }
        if (existing is not null && existing.SourceBlob == blobName && existing.SourceLastModified > blob.LastModified)
        {
            LogStale(blobName, blob.LastModified, existing.SourceLastModified);
            return new PublishResult(blobName, PublishStatus.Unchanged, slug);
        }

        // 1. The body beside the current one (content-addressed), and the keywords against the corpus's frequencies.
        var bodyBytes = Encoding.UTF8.GetBytes(article.BodyHtml);
        var bodyBlob = BodyStore.BlobNameFor(slug, HashOf(bodyBytes));
        if (existing?.BodyBlob != bodyBlob)
        {
            await bodies.SaveAsync(bodyBlob, bodyBytes, cancellationToken);
        }
        // A slug freed by a deleted or moved article is taken over with its record, so that stage 2 cleans up after it.
        var record = existing ?? new ArticleEntity { PartitionKey = slug };
        var previouslyIndexed = record.Indexed;
        var terms = article.Terms.Keys.ToList();
        // Weighed as if the article counted once, here: what the frequencies hold for it (merged; its pending counts are
        // not) is replaced by its terms, and what they hold for the slug it moves from is taken out. The weights are then
        // the same whether a crash interrupted the move or not, and whether the merger has run since or not.
        var movingFrom = source?.Slug is { } previousSlug && previousSlug != slug ? previousSlug : null;
        // During an import the corpus is still growing: weights read now would be weighed again once it settles, their
        // index rows written twice. They are left to that weighing (ImportSettlement), which finds the article in the
        // partition of the articles weighed against nothing; the chain from the queue does it if this instance stops first.
        var deferWeighing = imports.ImportUnderway;
        // A slug no record has had counts nothing (an article's counts are declared after its record): one new to an
        // import reads none of them, nor the corpus its weighing waits for.
        var counts = deferWeighing && existing is null && movingFrom is null
            ? new TermCounts(new Dictionary<string, int>(), Corpus: 0, new ArticleCounts(Merged: null, Pending: null), MergedAtPreviousSlug: null)
            : await frequencies.ReadAsync(deferWeighing ? [] : terms, slug, movingFrom, cancellationToken);
        var merged = counts.Article.MergedBy(previouslyIndexed);
        var mergedTerms = merged.Terms.ToHashSet(StringComparer.Ordinal);
        var mergedBefore = counts.MergedAtPreviousSlug ?? CountedTerms.None;
        var mergedBeforeTerms = mergedBefore.Terms.ToHashSet(StringComparer.Ordinal);
        var corpus = counts.Corpus + (merged.InCorpus ? 0 : 1) - (mergedBefore.InCorpus ? 1 : 0);
        IReadOnlyDictionary<string, double> keywords = deferWeighing ? new Dictionary<string, double>() : RelatedArticles.WeighKeywords(article.Terms,
            term => counts.DocumentFrequency(term) + (mergedTerms.Contains(term) ? 0 : 1) - (mergedBeforeTerms.Contains(term) ? 1 : 0), corpus);

        // 2. The switch: one conditional write makes this version the article's record. It keeps what it replaced:
        //    a delivery that finds the switch already made (a crash came after it) still knows which pages to render.
        var before = ArticleSnapshot.Of(existing is { IsLive: true } ? existing : null);
        // A new article of an import leaves the pages it affects to its weighing, which finds them in the indexes the
        // settlement reads whole; one whose pages are still to be told, edited outside an import, tells them all now.
        var impactPending = existing is { IsLive: true, AffectedPagesPending: true };
        var deferImpact = deferWeighing && (before is null || impactPending);
        var recordHash = ArticleRecords.Hash(article, bodyBlob, version.Ingest);
        var unchanged = existing is not null && existing.RecordHash == recordHash && existing.SourceBlob == blobName
            && existing.ArticleStatus == ArticleStatus.Published && (deferWeighing || existing.Keywords.SequenceEqual(keywords));
        if (unchanged)
        {
            before = Json.Read<ArticleSnapshot>(record.ReplacedJson) ?? before;
        }
        else
        {
            ArticleRecords.Fill(record, article, blobName, blob.LastModified, bodyBlob, recordHash, keywords, deferWeighing ? 0 : corpus);
            record.AffectedPagesPending = deferImpact;
            record.ReplacedJson = before is null ? null : Json.Write(before);
            try
            {
                await repository.SaveArticleAsync(record, existing, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 409)
            {
                // Another blob took the slug first: this ingest starts over at another slug, so the body written under
                // this one is nobody's, unless the winner's body is the same bytes.
                if ((await repository.GetArticleAsync(slug, cancellationToken))?.BodyBlob != bodyBlob)
                {
                    await bodies.DeleteAsync(bodyBlob, cancellationToken);
                }
                throw;
            }
        }

        // 3. What depends on the switch: the indexes, then the renders. A crash here is redone by the next delivery,
        //    which finds the rows to replace in the record's IndexedJson.
        var countsPending = await indexer.UpdateAsync(record, terms, cancellationToken, counts.Article);
        if (deferWeighing)
        {
            await imports.WeighingDeferredAsync(cancellationToken);
        }
        var renders = new List<string> { slug };
        var relatedRenders = new List<string>();
        var citing = CitingRenders.None;
        var after = ArticleSnapshot.Of(record);
        // The articles either side of it in its first tag, found now that its row there is written.
        var neighbours = new List<string>(deferImpact ? [] : await impact.NeighboursAsync(before, after, cancellationToken));
        if (impactPending && !deferImpact)
        {
            neighbours.AddRange(await impact.NeighboursAsync(null, after, cancellationToken));
        }
        if (source?.Slug is { } oldSlug && oldSlug != slug)
        {
            var moved = await UnserveAsync(oldSlug, blobName, blob, ArticleStatus.Moved, $"Now published at '{slug}'.", slug, cancellationToken);
            renders.AddRange(moved.Pages);
            relatedRenders.AddRange(moved.Related);
            citing = moved.Citing;
            neighbours.AddRange(moved.Neighbours);
            countsPending |= moved.CountsPending;
        }
        if (before?.Title != after!.Title || impactPending && !deferImpact)
        {
            citing = citing.Concat(await impact.CitingAsync(before, cancellationToken)).Concat(deferImpact ? CitingRenders.None : await impact.CitingAsync(after, cancellationToken));
        }
        if (before is not null && !before.SameForRelatedness(after))
        {
            // Pages related to the article as it was may drop or retitle it: rendered. Those related to it as it is
            // are offered it by its own render, which reads its related articles anyway (OutputPublisher).
            relatedRenders.AddRange((await impact.RelatedToAsync(before, cancellationToken)).Take(MaxRelatedRenders));
        }
        await RequestMergeAsync(countsPending, cancellationToken);
        // An archive's own page waits with the pages citing it, so that an import renders it once with its neighbours
        // (held while the import runs: RenderQueueClient). So does news during an import: its ingest renders it at once
        // (below), and its message renders it once more from the corpus the import leaves.
        imports.Ingested();
        var waits = news.IsArchive(record.Published) || imports.ImportUnderway;
        // News rendered below has its own render sent as a fallback, taken back once that render is done.
        var rendersNow = !waits && news.IsNews(record.Published);
        var messages = await queue.EnqueueAsync(waits || rendersNow ? renders.Skip(1) : renders, cancellationToken, later: relatedRenders, citing: citing.Continuations)
            + await queue.EnqueueAsync((waits ? citing.Slugs.Prepend(slug) : citing.Slugs).Concat(neighbours), cancellationToken, delayed: true);
        var fallback = rendersNow ? await queue.SendFallbackAsync(slug, Render.NewsRenders.FallbackAfter, cancellationToken) : null;
        messages += fallback is null ? 0 : 1;

        // 4. Last, so that a crash anywhere above makes the next delivery redo the work.
        await SaveSourceAsync(NewSource(blobName, SourceStatus.Published, blob, slug, null, article.Warnings, settled: true), source, cancellationToken);
        if (existing?.BodyBlob is { } oldBody && oldBody != bodyBlob && existing.SourceBlob == blobName)
        {
            await bodies.DeleteAsync(oldBody, cancellationToken);
        }
        LogIngested(blobName, slug, article.Warnings.Count, messages);
        // Undated articles of an import (a CMS export's text, dated by its upload) are news too, rendered now and again
        // once it settles: measured, leaving them to the settlement renders each page once but takes Azurite longer
        // (benchmarks/README.md, "Render once").
        await news.RenderIfNewsAsync(slug, record.Published, fallback, cancellationToken);
        return new PublishResult(blobName, PublishStatus.Published, slug, null, article.Warnings);
    }

    /// <summary>Takes down what a deleted blob had published: the page answers 410 Gone from then on.</summary>
    public async Task<PublishResult> RemoveAsync(string blobName, CancellationToken cancellationToken) =>
        Counted(await RemoveBlobAsync(blobName, cancellationToken));

    private async Task<PublishResult> RemoveBlobAsync(string blobName, CancellationToken cancellationToken)
    {
        var source = await repository.GetSourceAsync(blobName, cancellationToken);
        if (source is null)
        {
            return new PublishResult(blobName, PublishStatus.Removed);
        }
        if (MediaIngester.IsMedia(blobName))
        {
            return await media.RemoveAsync(blobName, source, cancellationToken);
        }
        if (source.Slug is { } slug)
        {
            await EnqueueAsync(await UnserveAsync(slug, blobName, blob: null, ArticleStatus.Deleted, $"The source '{blobName}' was deleted.", movedTo: null, cancellationToken), cancellationToken);
        }
        await repository.DeleteSourceAsync(blobName, cancellationToken);
        LogRemoved(blobName, source.Slug);
        return new PublishResult(blobName, PublishStatus.Removed, source.Slug);
    }

    private async Task<int> EnqueueAsync(UnservedRenders renders, CancellationToken cancellationToken)
    {
        await RequestMergeAsync(renders.CountsPending, cancellationToken);
        return await queue.EnqueueAsync(renders.Pages, cancellationToken, later: renders.Related, citing: renders.Citing.Continuations)
            + await queue.EnqueueAsync(renders.Citing.Slugs.Concat(renders.Neighbours), cancellationToken, delayed: true);
    }

    /// <summary>
    /// Asks the site-file stage to merge the counts this ingest left pending: once per ingest, however many slugs it
    /// counted at (a move counts two), after they are written. A redelivery finding them still pending asks again.
    /// </summary>
    private async Task RequestMergeAsync(bool countsPending, CancellationToken cancellationToken)
    {
        if (countsPending)
        {
            await siteFiles.RequestAsync([SiteFileKey.DocumentFrequencies], cancellationToken);
        }
    }

    /// <summary>
    /// Stops serving the article this blob published at <paramref name="slug"/> (deleted, draft or moved) and takes it
    /// out of the indexes. Returns the pages to render: the article (stage 2 removes its outputs) and the pages citing
    /// it, then, in a second hop, every article it was related to (none may go on suggesting it).
    /// </summary>
    private async Task<UnservedRenders> UnserveAsync(string slug, string blobName, SourceBlob? blob, ArticleStatus status, string message, string? movedTo, CancellationToken cancellationToken)
    {
        return await OptimisticConcurrency.RetryAsync(async _ =>
        {
            var article = await repository.GetArticleAsync(slug, cancellationToken);
            if (article is null || article.SourceBlob != blobName || blob is not null && article.SourceLastModified > blob.LastModified)
            {
                return UnservedRenders.None;
            }
            // Already taken down by a delivery that crashed before it enqueued the renders: those are enqueued now.
            var alreadyDone = article.ArticleStatus == status && article.MovedTo == movedTo && article.StatusMessage == message;
            var before = ArticleSnapshot.Of(article.IsLive || alreadyDone ? article : null);
            if (!alreadyDone)
            {
                article.Status = status.ToString();
                article.StatusMessage = message;
                article.MovedTo = movedTo;
                await repository.SaveArticleAsync(article, article, cancellationToken);
            }
            var countsPending = await indexer.UpdateAsync(article, [], cancellationToken);
            var citing = await impact.CitingAsync(before, cancellationToken);
            LogUnserved(slug, status);
            return new UnservedRenders([slug], citing, [.. await impact.RelatedToAsync(before, cancellationToken)],
                await impact.NeighboursAsync(before, after: null, cancellationToken), countsPending);
        }, attempt => LogConcurrentWrite(blobName, attempt), exception => exception.Status == 412);
    }

    private static string HashOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..32];

    private async Task<PublishResult> RecordFailureAsync(string blobName, SourceEntity? source, SourceBlob blob, string message, bool settled, CancellationToken cancellationToken)
    {
        // The slug this blob published before keeps its page; its record says the latest upload failed and why.
        var slug = source?.Slug;
        if (slug is not null)
        {
            var article = await repository.GetArticleAsync(slug, cancellationToken);
            if (article is not null && article.SourceBlob == blobName && article.IsLive && article.SourceLastModified <= blob.LastModified)
            {
                article.Status = nameof(ArticleStatus.Failed);
                article.StatusMessage = message;
                try
                {
                    await repository.SaveArticleAsync(article, article, cancellationToken);
                }
                catch (RequestFailedException exception) when (exception.Status == 412)
                {
                    LogConcurrentWrite(blobName, 1); // a newer write won; the source record below still tells the author
                }
            }
        }
        await SaveSourceAsync(NewSource(blobName, SourceStatus.Failed, blob, slug, message, [], settled), source, cancellationToken);
        LogFailed(blobName, message);
        return new PublishResult(blobName, PublishStatus.Failed, slug, message);
    }

    private async Task<PublishResult> RecordIgnoredAsync(string blobName, SourceEntity? source, CancellationToken cancellationToken)
    {
        var message = $"'{Path.GetExtension(blobName)}' files are not published: only articles (.md, .markdown, .txt) and images (.jpg, .jpeg, .png, .webp, .gif) are.";
        if (source?.SourceStatus != SourceStatus.Ignored)
        {
            await SaveSourceAsync(new SourceEntity
            {
                PartitionKey = TableKeys.ForBlobName(blobName),
                BlobName = blobName,
                Status = nameof(SourceStatus.Ignored),
                Message = message,
                IngestVersion = version.Ingest,
                ProcessedAt = time.GetUtcNow(),
            }, source, cancellationToken);
            LogIgnored(blobName);
        }
        return new PublishResult(blobName, PublishStatus.Ignored, null, message);
    }

    /// <summary>
    /// Conditional on the record read at the start, so a concurrent delivery is noticed: the write fails and the caller
    /// starts over from a fresh read, where a newer version already recorded makes this one stale.
    /// </summary>
    private Task SaveSourceAsync(SourceEntity source, SourceEntity? expected, CancellationToken cancellationToken) =>
        repository.SaveSourceAsync(source, expected, cancellationToken);

    private SourceEntity NewSource(string blobName, SourceStatus status, SourceBlob blob, string? slug, string? message, IReadOnlyList<string> warnings, bool settled) => new()
    {
        PartitionKey = TableKeys.ForBlobName(blobName),
        BlobName = blobName,
        Status = status.ToString(),
        Message = message,
        WarningsJson = Json.Write(warnings),
        Slug = slug,
        ContentMd5 = blob.Md5,
        BlobETag = blob.ETag,
        BlobLastModified = blob.LastModified,
        IngestVersion = version.Ingest,
        Settled = settled,
        ProcessedAt = time.GetUtcNow(),
    };

    /// <summary>A limit as authors read it: KiB below 1 MiB, else MiB.</summary>
    private static string Size(long bytes) => bytes < 1024 * 1024
        ? (bytes / 1024d).ToString("0.# KiB", CultureInfo.InvariantCulture)
        : (bytes / 1024d / 1024).ToString("0.# MiB", CultureInfo.InvariantCulture);

    private static string[] Warnings(string json) => Json.Read<string[]>(json) ?? [];

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested {BlobName} as {Slug} with {WarningCount} warnings; {MessageCount} render messages sent")]
    private partial void LogIngested(string blobName, string slug, int warningCount, int messageCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{BlobName} is unchanged since it was last processed; nothing written")]
    private partial void LogUnchanged(string blobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "{BlobName}: the version of {Delivered} is older than the one processed ({Processed}); ignored")]
    private partial void LogStale(string blobName, DateTimeOffset delivered, DateTimeOffset processed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{BlobName} could not be published: {Reason}")]
    private partial void LogFailed(string blobName, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{BlobName} is not an article and was ignored")]
    private partial void LogIgnored(string blobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "{BlobName} was deleted; unpublished {Slug}")]
    private partial void LogRemoved(string blobName, string? slug);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Slug} is no longer served: {Status}")]
    private partial void LogUnserved(string slug, ArticleStatus status);

    // Information: two deliveries of one upload (Event Grid and the reconciliation, or the local notifier) meet routinely.
    [LoggerMessage(Level = LogLevel.Information, Message = "Concurrent write while ingesting {BlobName} (attempt {Attempt}); re-reading")]
    private partial void LogConcurrentWrite(string blobName, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage refused what {BlobName} holds; recorded as failed")]
    private partial void LogRefused(string blobName, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{BlobName} could not be parsed; recorded as failed")]
    private partial void LogUnreadable(string blobName, Exception exception);
}
