using System.Runtime.InteropServices;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Serverless.Core.Ingest;
using Serverless.Core.Publishing;
using Serverless.Core.Storage;

namespace Serverless.Core.Admin;

/// <summary>
/// The safety net for missed or out-of-order events. It compares the articles container with what was last ingested:
/// ingests what is new, changed, parsed by an older parser or not yet settled (every numbered form of its slug taken:
/// it heals here once one is free), and unpublishes what was deleted; blob deletions never fire a blob trigger, so this is how they are
/// noticed without Event Grid. It then requests a render for every article whose page lags its record or the
/// template, so a lost or poisoned render message is made up for too.
/// </summary>
/// <remarks>
/// A pass reads the sources table a page at a time first, keeping of each source what the comparison needs (hashes of
/// its name, MD5 and ETag: <see cref="KnownSource"/>, about 40 bytes a source), then the listing page by page, compared
/// with no request per blob, then the sources table again for the sources whose blob the listing did not return
/// (each checked by a point read before it is unpublished), then the article records page by page. A source is never
/// read by key: a pass over a settled corpus of N blobs costs about N/1,000 × 3 requests, however often it runs while an
/// import is under way. A blob storage cannot list is skipped (<see cref="ArticlesListing"/>), ingested by name, and its
/// status says to rename it. A pass that did work records how far its listing got, and an interrupted pass resumes there.
/// </remarks>
public sealed partial class ArticleReconciler(
    StorageClients storage,
    ArticleRepository repository,
    ArticlesListing listing,
    ArticleIngester ingester,
    MediaIngester media,
    RenderQueueClient queue,
    Render.RenderedPages rendered,
    PipelineVersion version,
    ThemeUploadWatcher themes,
    AuthorProfileWatcher profiles,
    TimeProvider time,
    ILogger<ArticleReconciler> logger)
{
    /// <summary>A record written this recently may still have its render message in flight: it is left to it.</summary>
    public static readonly TimeSpan RenderGrace = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The grace of a record an import left unweighed (<see cref="ArticleEntity.WeighedCorpus"/> 0), and of every record
    /// while this instance holds an import's renders (its settlement may have weighed the article, its page still held):
    /// such a page is held until the import settles, however long it runs, and shows by itself at most this long after
    /// an instance stops (<see cref="RenderQueueClient.MaxHoldStep"/>). Asked for sooner, each page of a long import
    /// would render before the import settles and again after.
    /// </summary>
    public static readonly TimeSpan ImportRenderGrace = RenderQueueClient.MaxHoldStep;

    /// <summary>Blobs ingested at once in a pass: a burst of uploads drains as the blob trigger's (host.json's maxDegreeOfParallelism) would.</summary>
    public const int IngestParallelism = 4;

    /// <summary>Point reads in flight at once while a page's deletions are confirmed.</summary>
    public const int ReadParallelism = 16;

    /// <summary>What an author reads about a blob storage cannot list.</summary>
    public static string UnlistableMessage(string reason) =>
        "Storage fails to list this blob's name (" + reason + "), which hides it from the reconciliation: its later changes and its deletion are not noticed "
        + "without an event. Rename the blob (control characters are the usual cause), or delete it.";

    public async Task<ReconcileReport> ReconcileAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var state = await repository.GetReconcileStateAsync(cancellationToken);
        var resumeFrom = state?.ListedThrough is { } through ? through + '\0' : null;
        var pass = new Pass();
        await ReadKnownSourcesAsync(pass, cancellationToken);
        await foreach (var page in listing.ListAsync(resumeFrom, cancellationToken))
        {
            if (page.Unlistable is { } unlistable)
            {
                await ProcessUnlistableAsync(unlistable, pass, cancellationToken);
                continue;
            }
            if (await ProcessListingPageAsync(page.Blobs, pass, cancellationToken))
            {
                state ??= new ReconcileStateEntity();
                state.ListedThrough = page.Blobs[^1].Name;
                await repository.SaveReconcileStateAsync(state, cancellationToken);
            }
        }
        await RemoveDeletedAsync(pass, resumed: resumeFrom is not null, cancellationToken);
        if (pass.Results.Any(result => result.Status == PublishStatus.Removed) && pass.Unsettled.Count > 0)
        {
            // A slug a deletion freed can be taken by a blob waiting for it, in the same pass.
            await IngestAsync([.. pass.Unsettled], pass, cancellationToken);
        }
        await SaveStateAsync(state, pass.UnlistableRange, cancellationToken);
        var renders = await RequestLaggingRendersAsync(cancellationToken);
        await themes.CheckAsync(cancellationToken);
        await profiles.CheckAsync(cancellationToken);
        var report = new ReconcileReport(pass.BlobsSeen, pass.Results, renders, pass.Unlistable);
        if (pass.Results.Count > 0 || renders > 0 || pass.Unlistable.Count > 0)
        {
            LogReconciled(report.BlobsSeen, report.Published, report.Failed, report.Removed, renders, pass.Unlistable.Count);
        }
        return report;
    }

    /// <summary>What a pass has seen and done so far.</summary>
    private sealed class Pass
    {
        /// <summary>By the hash of its name, every source as the pass started and every blob listed.</summary>
        public Dictionary<ulong, KnownSource> Known { get; } = [];
        public List<PublishResult> Results { get; } = [];
        public HashSet<string> Unsettled { get; } = new(StringComparer.Ordinal);
        public List<UnlistableBlob> Unlistable { get; } = [];
        public UnlistableBlob? UnlistableRange => Unlistable.FirstOrDefault(blob => blob.Name is null);
        public int BlobsSeen { get; set; }
    }

    private static ulong NameHash(string blobName) => KnownSource.Hash(blobName);

    /// <summary>Ingests what the page holds that is new or changed; true when anything was.</summary>
    private async Task<bool> ProcessListingPageAsync(IReadOnlyList<BlobItem> blobs, Pass pass, CancellationToken cancellationToken)
    {
        pass.BlobsSeen += blobs.Count;
        var changed = new List<string>();
        foreach (var blob in blobs)
        {
            var known = MarkListed(pass, blob.Name);
            if (known.NeedsIngest(blob.Properties.ContentHash is { Length: > 0 } hash ? Convert.ToBase64String(hash) : null, blob.Properties.ETag?.ToString()))
            {
                changed.Add(blob.Name);
            }
        }
        await IngestAsync(changed, pass, cancellationToken);
        return changed.Count > 0;
    }

    private async Task IngestAsync(List<string> blobNames, Pass pass, CancellationToken cancellationToken)
    {
        var ingested = new PublishResult[blobNames.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, blobNames.Count), new ParallelOptions { MaxDegreeOfParallelism = IngestParallelism, CancellationToken = cancellationToken },
            async (index, token) => ingested[index] = await ProcessSafelyAsync(blobNames[index], ingester.IngestAsync, token));
        pass.Results.AddRange(ingested);
        // Unsettled blobs (every numbered slug taken) fail with a message; content failures among them cost two reads again.
        pass.Unsettled.UnionWith(ingested.Where(result => result.Status == PublishStatus.Failed && !IsProcessingError(result)).Select(result => result.BlobName));
    }

    private static bool IsProcessingError(PublishResult result) => result.Message?.StartsWith(ProcessingErrorPrefix, StringComparison.Ordinal) ?? false;

    /// <summary>
    /// A blob storage cannot list is still read by name: it is ingested (a no-op when unchanged) and its status says to
    /// rename it. When no name could be found, the rest of the container waits, and the failure report says where.
    /// </summary>
    private async Task ProcessUnlistableAsync(UnlistableBlob unlistable, Pass pass, CancellationToken cancellationToken)
    {
        pass.Unlistable.Add(unlistable);
        if (unlistable.Name is not { } name)
        {
            return;
        }
        MarkListed(pass, name);
        var result = await ProcessSafelyAsync(name, ingester.IngestAsync, cancellationToken);
        if (result.Status != PublishStatus.Unchanged)
        {
            pass.Results.Add(result);
        }
        await repository.MarkUnlistableAsync(name, UnlistableMessage(unlistable.Reason), cancellationToken);
    }

    /// <summary>Sources whose blob the listing did not return, confirmed gone by a point read, are unpublished.</summary>
    private async Task RemoveDeletedAsync(Pass pass, bool resumed, CancellationToken cancellationToken)
    {
        // Sources after an unlistable range were not compared with any listing: left for a pass that can list them.
        var listedThrough = pass.UnlistableRange?.After;
        await foreach (var page in repository.ListSourcePagesAsync(cancellationToken))
        {
            var unlisted = page.Where(source => !(pass.Known.TryGetValue(NameHash(source.BlobName), out var known) && known.Listed)
                && (pass.UnlistableRange is null || listedThrough is not null && string.CompareOrdinal(source.BlobName, listedThrough) <= 0)).ToList();
            var gone = new bool[unlisted.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, unlisted.Count), new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism, CancellationToken = cancellationToken },
                async (index, token) => gone[index] = !await storage.Articles.GetBlobClient(unlisted[index].BlobName).ExistsAsync(token));
            for (var index = 0; index < unlisted.Count; index++)
            {
                if (gone[index])
                {
                    pass.Results.Add(await ProcessSafelyAsync(unlisted[index].BlobName, ingester.RemoveAsync, cancellationToken));
                }
                else if (!resumed && pass.UnlistableRange is null)
                {
                    // Listed by no page, yet there: uploaded during the pass, after its page was read; the next pass lists it.
                    LogUploadedDuringPass(unlisted[index].BlobName);
                }
            }
            // Replaced image versions past their grace period: found in the rows read anyway, so an idle pass costs nothing more.
            var removed = unlisted.Where((_, index) => gone[index]).ToHashSet();
            foreach (var source in page.Where(source => !removed.Contains(source) && media.HasExpiredVersions(source)))
            {
                await media.ReclaimAsync(source, cancellationToken);
            }
        }
    }

    /// <summary>The pass is over: no position to resume from, and the unlistable range (if any) kept for the failure report. Written only on change.</summary>
    private async Task SaveStateAsync(ReconcileStateEntity? state, UnlistableBlob? range, CancellationToken cancellationToken)
    {
        if (range is null)
        {
            if (state is not null)
            {
                await repository.DeleteReconcileStateAsync(cancellationToken);
            }
            return;
        }
        if (state is { ListedThrough: null } && state.UnlistableAfter == range.After && state.UnlistableReason == range.Reason)
        {
            return;
        }
        state ??= new ReconcileStateEntity();
        (state.ListedThrough, state.UnlistableAfter, state.UnlistableReason, state.UnlistableAt) = (null, range.After, range.Reason, time.GetUtcNow());
        await repository.SaveReconcileStateAsync(state, cancellationToken);
    }

    /// <summary>What the sources table holds, a page at a time, reduced to what comparing a listing needs.</summary>
    private async Task ReadKnownSourcesAsync(Pass pass, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await foreach (var page in repository.ListSourceStatePagesAsync(cancellationToken))
        {
            foreach (var source in page)
            {
                pass.Known[NameHash(source.BlobName)] = Know(source, now);
            }
        }
    }

    private KnownSource Know(SourceEntity source, DateTimeOffset now)
    {
        var isMedia = MediaIngester.IsMedia(source.BlobName);
        if (!isMedia && !ArticleIngester.IsArticle(source.BlobName))
        {
            return new KnownSource(KnownSource.Verdict.Ignore, 0, 0, Listed: false); // recorded as ignored; nothing about it can change that
        }
        // An older version, an outcome waiting for another article, or a scheduled article whose time has come.
        var stale = source.IngestVersion != (isMedia ? media.Version : version.Ingest) || !source.Settled
            || source.Status == nameof(SourceStatus.Scheduled) && source.ReleaseAt <= now;
        // Content-MD5 when storage reports one (every single-shot upload): a re-upload of the same bytes is no change.
        return stale
            ? new KnownSource(KnownSource.Verdict.Ingest, 0, 0, Listed: false)
            : new KnownSource(KnownSource.Verdict.Compare, KnownSource.Hash(source.ContentMd5), KnownSource.Hash(source.BlobETag), Listed: false);
    }

    /// <summary>Records that the listing returned the blob; returns what is known of its source.</summary>
    private static KnownSource MarkListed(Pass pass, string blobName)
    {
        ref var known = ref CollectionsMarshal.GetValueRefOrAddDefault(pass.Known, NameHash(blobName), out var exists);
        known = exists ? known with { Listed = true } : KnownSource.ListedWithoutSource;
        return known;
    }

    /// <summary>Live articles whose page lags the record or the template, and retired ones whose outputs are still up: requested a page of records at a time.</summary>
    private async Task<int> RequestLaggingRendersAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settledBefore = now - RenderGrace;
        var importSettledBefore = now - ImportRenderGrace;
        var holding = queue.HoldsRenders;
        var requested = 0;
        await foreach (var page in repository.ListArticleStatePagesAsync(cancellationToken))
        {
            var lagging = page
                .Where(article => article.IsLive && article.Outputs.RenderVersion != version.Render && article.Outputs.RenderedRecordHash is not null
                    || Settled(article, article.IsLive && (holding || article.Record.WeighedCorpus == 0) ? importSettledBefore : settledBefore) && (article.IsLive
                        ? article.Outputs.RenderedRecordHash != article.Record.RecordHash || article.Outputs.PendingJson is not null
                        : article.Outputs.PageBlob is not null || article.Outputs.PendingJson is not null))
                // A held render this instance let go reads the record, however long the release wave takes (minutes
                // for thousands of pages): asked for again, each would render twice, the second time off the snapshot.
                .Where(article => !(article.IsLive && article.Record.Timestamp is { } written && rendered.RenderedSince(article.Slug, written, now - ImportRenderGrace)))
                .Select(article => article.Slug)
                .ToList();
            if (lagging.Count > 0)
            {
                await queue.EnqueueAsync(lagging, cancellationToken);
            }
            requested += lagging.Count;
        }
        return requested;
    }

    /// <summary>Whether neither of the article's rows was written since <paramref name="before"/>: a render still on its way is not lagging.</summary>
    private static bool Settled(StoredArticle article, DateTimeOffset before) =>
        article.Record.Timestamp < before && (article.Outputs.Timestamp is not { } written || written < before);

    private const string ProcessingErrorPrefix = "Processing error, retried at the next reconciliation: ";

    /// <summary>One bad blob or a passing storage error must not stop the pass: it is logged and retried next time.</summary>
    private async Task<PublishResult> ProcessSafelyAsync(string blobName, Func<string, CancellationToken, Task<PublishResult>> process, CancellationToken cancellationToken)
    {
        try
        {
            return await process(blobName, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogProcessingError(exception, blobName);
            return new PublishResult(blobName, PublishStatus.Failed, null, ProcessingErrorPrefix + exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {BlobCount} blobs: {PublishedCount} ingested, {FailedCount} failed, {RemovedCount} removed; {RenderCount} renders requested; {UnlistableCount} unlistable")]
    private partial void LogReconciled(int blobCount, int publishedCount, int failedCount, int removedCount, int renderCount, int unlistableCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation could not process {BlobName}; it will be retried")]
    private partial void LogProcessingError(Exception exception, string blobName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{BlobName} was uploaded during the pass; the next pass lists it")]
    private partial void LogUploadedDuringPass(string blobName);
}
