using Serverless.Core.Ingest;

namespace Serverless.LocalServer.Publishing;

/// <summary>
/// Uploads the Markdown files of a local folder whenever they change, and deletes the blob of a file deleted while
/// watching, reporting each as a storage event so stage 1 runs at once. Polling, not FileSystemWatcher: editors save in several steps and inotify is unreliable in containers,
/// and a snapshot compare once a second settles both.
/// </summary>
public sealed partial class FolderWatcher(ArticleUploader uploader, BlobEvents blobEvents, LocalServerSettings settings, ILogger<FolderWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.WatchDirectory is not { } directory)
        {
            return;
        }
        Directory.CreateDirectory(directory);
        LogWatching(directory);
        var known = new Dictionary<string, (long Length, DateTime Written)>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            try
            {
                await SyncAsync(directory, known, stoppingToken);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Azure.RequestFailedException)
            {
                LogSyncFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SyncAsync(string directory, Dictionary<string, (long Length, DateTime Written)> known, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                     .Where(ArticleUploader.IsPublished))
        {
            seen.Add(file);
            var info = new FileInfo(file);
            var state = (info.Length, info.LastWriteTimeUtc);
            if (known.TryGetValue(file, out var previous) && previous == state)
            {
                continue;
            }
            var name = ArticleUploader.BlobNameFor(directory, file);
            if (await uploader.UploadAsync(name, await File.ReadAllBytesAsync(file, cancellationToken), overwrite: true, cancellationToken) == ArticleUploader.Outcome.Uploaded)
            {
                // Delivered in-process as Event Grid would deliver it to the webhook: stage 1 runs now, not at the next reconciliation.
                await blobEvents.HandleAsync(LocalBlobEvents.Created(uploader.UriOf(name)), cancellationToken);
                LogUploaded(file, name);
            }
            known[file] = state;
        }
        foreach (var gone in known.Keys.Where(file => !seen.Contains(file)).ToList())
        {
            var name = ArticleUploader.BlobNameFor(directory, gone);
            if (await uploader.DeleteAsync(name, cancellationToken))
            {
                // Delivered in-process as Event Grid would deliver it to the webhook: the article goes at once.
                await blobEvents.HandleAsync(LocalBlobEvents.Deleted(uploader.UriOf(name)), cancellationToken);
            }
            known.Remove(gone);
            LogDeleted(gone, name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Directory} for Markdown changes")]
    private partial void LogWatching(string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Uploaded {File} as {BlobName}")]
    private partial void LogUploaded(string file, string blobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "{File} was deleted; deleted blob {BlobName}")]
    private partial void LogDeleted(string file, string blobName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not sync the watched folder; retrying in a second")]
    private partial void LogSyncFailed(Exception exception);
}
