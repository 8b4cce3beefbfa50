using Microsoft.Extensions.Logging;
using Serverless.Core.Storage;

namespace Serverless.Core.Publishing;

/// <summary>
/// The safety net for missed or out-of-order events. It compares the articles container with what was last ingested:
/// ingests what is new, changed, parsed by an older parser or not yet settled (every numbered form of its slug taken:
/// it heals here once one is free), and unpublishes what was deleted; blob deletions never fire a blob trigger, so this is how they are
/// noticed without Event Grid. It then requests a render for every article whose page lags its record or the
/// template, so a lost or poisoned render message is made up for too.
/// </summary>
public sealed partial class ArticleReconciler(
    StorageClients storage,
    ArticleRepository repository,
    ArticleIngester ingester,
    MediaIngester media,
    RenderQueueClient queue,
    PipelineVersion version,
    TimeProvider time,
    ILogger<ArticleReconciler> logger)
{
    /// <summary>A record written this recently may still have its render message in flight: it is left to it.</summary>
    public static readonly TimeSpan RenderGrace = TimeSpan.FromSeconds(30);

    /// <summary>Blobs ingested at once in a pass: a burst of uploads drains as the blob trigger's (host.json's maxDegreeOfParallelism) would.</summary>
    public const int IngestParallelism = 4;

    public async Task<ReconcileReport> ReconcileAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var sources = (await repository.ListSourcesAsync(cancellationToken)).ToDictionary(source => source.BlobName, StringComparer.Ordinal);
        var blobs = new List<Azure.Storage.Blobs.Models.BlobItem>();
        await foreach (var blob in storage.Articles.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            blobs.Add(blob);
        }
        var results = new List<PublishResult>();
        // Deletions first: a slug they free can be taken by a blob waiting for it in the same pass.
        var present = blobs.Select(blob => blob.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in sources.Keys.Where(name => !present.Contains(name)))
        {
            results.Add(await ProcessSafelyAsync(gone, ingester.RemoveAsync, cancellationToken));
        }
        var changed = blobs.Where(blob => NeedsIngest(blob.Name, blob.Properties.ETag?.ToString(),
            blob.Properties.ContentHash is { Length: > 0 } hash ? Convert.ToBase64String(hash) : null,
            sources.GetValueOrDefault(blob.Name))).Select(blob => blob.Name).ToList();
        var ingested = new PublishResult[changed.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, changed.Count), new ParallelOptions { MaxDegreeOfParallelism = IngestParallelism, CancellationToken = cancellationToken },
            async (index, token) => ingested[index] = await ProcessSafelyAsync(changed[index], ingester.IngestAsync, token));
        results.AddRange(ingested);
        var renders = await RequestLaggingRendersAsync(cancellationToken);
        var report = new ReconcileReport(blobs.Count, results, renders);
        if (results.Count > 0 || renders > 0)
        {
            LogReconciled(report.BlobsSeen, report.Published, report.Failed, report.Removed, renders);
        }
        return report;
    }

    private bool NeedsIngest(string blobName, string? etag, string? md5, SourceEntity? source)
    {
        if (source is null)
        {
            return true;
        }
        var isMedia = MediaIngester.IsMedia(blobName);
        if (!isMedia && !ArticleIngester.IsArticle(blobName))
        {
            return false; // recorded as ignored; nothing about it can change that
        }
        if (source.IngestVersion != (isMedia ? media.Version : version.Ingest) || !source.Settled)
        {
            return true;
        }
        if (source.SourceStatus == SourceStatus.Scheduled && source.ReleaseAt <= time.GetUtcNow())
        {
            return true; // its time has come
        }
        // Content-MD5 when storage reports one (every single-shot upload): a re-upload of the same bytes is no change.
        return md5 is not null ? md5 != source.ContentMd5 : etag != source.BlobETag;
    }

    /// <summary>Live articles whose page lags the record or the template, and retired ones whose outputs are still up.</summary>
    private async Task<int> RequestLaggingRendersAsync(CancellationToken cancellationToken)
    {
        var settledBefore = time.GetUtcNow() - RenderGrace;
        var lagging = (await repository.ListArticleStatesAsync(cancellationToken))
            .Where(article => article.IsLive && article.RenderVersion != version.Render && article.RenderedRecordHash is not null
                || article.Timestamp < settledBefore && (article.IsLive
                    ? article.RenderedRecordHash != article.RecordHash || article.PendingJson is not null
                    : article.PageBlob is not null || article.PendingJson is not null))
            .Select(article => article.Slug)
            .ToList();
        if (lagging.Count > 0)
        {
            await queue.EnqueueAsync(lagging, cancellationToken);
        }
        return lagging.Count;
    }

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
            return new PublishResult(blobName, PublishStatus.Failed, null, "Processing error, retried at the next reconciliation: " + exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {BlobCount} blobs: {PublishedCount} ingested, {FailedCount} failed, {RemovedCount} removed; {RenderCount} renders requested")]
    private partial void LogReconciled(int blobCount, int publishedCount, int failedCount, int removedCount, int renderCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation could not process {BlobName}; it will be retried")]
    private partial void LogProcessingError(Exception exception, string blobName);
}
