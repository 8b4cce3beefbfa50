using Microsoft.Extensions.Logging;
using Serverless.Core.Storage;

namespace Serverless.Core.Publishing;

/// <summary>
/// The safety net for missed or out-of-order events: compares the articles container with what was last processed,
/// publishes what is new or changed (or rendered by an older template) and unpublishes what was deleted; blob
/// deletions never fire a blob trigger, so this is how they are noticed without Event Grid.
/// </summary>
public sealed partial class ArticleReconciler(StorageClients storage, ArticleRepository repository, ArticlePublisher publisher, ILogger<ArticleReconciler> logger)
{
    public async Task<ReconcileReport> ReconcileAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var sources = (await repository.ListSourcesAsync(cancellationToken)).ToDictionary(source => source.BlobName, StringComparer.Ordinal);
        var results = new List<PublishResult>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var blob in storage.Articles.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            seen.Add(blob.Name);
            sources.TryGetValue(blob.Name, out var source);
            var md5 = blob.Properties.ContentHash is { Length: > 0 } hash ? Convert.ToBase64String(hash) : null;
            if (!NeedsProcessing(blob.Name, blob.Properties.ETag?.ToString(), md5, source))
            {
                continue;
            }
            results.Add(await ProcessSafelyAsync(blob.Name, publisher.PublishAsync, cancellationToken));
        }
        foreach (var gone in sources.Keys.Where(name => !seen.Contains(name)))
        {
            results.Add(await ProcessSafelyAsync(gone, publisher.UnpublishAsync, cancellationToken));
        }
        var report = new ReconcileReport(seen.Count, results);
        if (results.Count > 0)
        {
            LogReconciled(report);
        }
        return report;
    }

    private bool NeedsProcessing(string blobName, string? etag, string? md5, SourceEntity? source)
    {
        if (source is null)
        {
            return true;
        }
        if (!ArticlePublisher.IsArticle(blobName))
        {
            return false; // recorded as ignored; nothing about it can change that
        }
        if (source.RenderVersion != publisher.RenderVersion)
        {
            return true;
        }
        // Content-MD5 when storage reports one (every single-shot upload): a re-upload of the same bytes is no change.
        return md5 is not null ? md5 != source.ContentMd5 : etag != source.BlobETag;
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

    private void LogReconciled(ReconcileReport report) => LogReconciled(report.BlobsSeen, report.Published, report.Failed, report.Removed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconciled {BlobCount} blobs: {PublishedCount} published, {FailedCount} failed, {RemovedCount} removed")]
    private partial void LogReconciled(int blobCount, int publishedCount, int failedCount, int removedCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation could not process {BlobName}; it will be retried")]
    private partial void LogProcessingError(Exception exception, string blobName);
}
