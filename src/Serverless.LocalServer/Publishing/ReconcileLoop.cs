using Serverless.Core.Admin;
using Serverless.Core.Ingest;
using Serverless.Core.Rendering;

namespace Serverless.LocalServer.Publishing;

/// <summary>
/// The local stand-in for the reconciliation timer function: the safety net of stage 1, every
/// <see cref="LocalServerSettings.ReconcileInterval"/> (30 s by default), for blobs uploaded without an event (by another
/// storage client), and once at start (after the samples are uploaded). The commands and the watched folder report their
/// uploads as Event Grid would, so those are ingested at once and <see cref="RenderQueueWorker"/> renders them promptly.
/// </summary>
public sealed partial class ReconcileLoop(ArticleReconciler reconciler, SiteUrls urls, LocalServerSettings settings, ILogger<ReconcileLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.ReconcileInterval);
        do
        {
            try
            {
                var report = await reconciler.ReconcileAsync(stoppingToken);
                foreach (var result in report.Results)
                {
                    Report(result);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Storage hiccups are retried at the next tick rather than ending the server.
                LogPassFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private void Report(PublishResult result)
    {
        switch (result.Status)
        {
            case PublishStatus.Published:
                LogPublished(result.BlobName, urls.Article(result.Slug!), result.Warnings?.Count ?? 0);
                break;
            case PublishStatus.Failed:
                LogFailed(result.BlobName, result.Message ?? "unknown error");
                break;
            case PublishStatus.Removed:
                LogRemoved(result.BlobName, result.Slug);
                break;
            case PublishStatus.Ignored or PublishStatus.Draft or PublishStatus.Scheduled:
                LogSkipped(result.BlobName, result.Message ?? result.Status.ToString());
                break;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested {BlobName} → {Url} ({WarningCount} warnings); rendering")]
    private partial void LogPublished(string blobName, string url, int warningCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish {BlobName}: {Reason}")]
    private partial void LogFailed(string blobName, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{BlobName} was deleted; {Slug} is unpublished")]
    private partial void LogRemoved(string blobName, string? slug);

    [LoggerMessage(Level = LogLevel.Information, Message = "{BlobName}: {Reason}")]
    private partial void LogSkipped(string blobName, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconciliation pass failed; retrying at the next tick")]
    private partial void LogPassFailed(Exception exception);
}
