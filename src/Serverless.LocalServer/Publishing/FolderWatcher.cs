using System.Security.Cryptography;
using System.Text;
using Serverless.Core.Ingest;

namespace Serverless.LocalServer.Publishing;

/// <summary>
/// Uploads the Markdown files of a local folder whenever they change, and deletes the blob of a file deleted while
/// watching, reporting each as a storage event so stage 1 runs at once. Polling, not FileSystemWatcher: editors save in several steps and inotify is unreliable in containers,
/// and a snapshot compare once a second settles both. Each blob it uploads is tagged with the folder it came from, so
/// that on start it also deletes the blobs of files deleted while the server was stopped, and only those.
/// </summary>
public sealed partial class FolderWatcher(ArticleUploader uploader, BlobEvents blobEvents, LocalServerSettings settings, ILogger<FolderWatcher> logger) : BackgroundService
{
    /// <summary>The blob metadata naming the watched folder a blob was uploaded from (by a hash of its full path).</summary>
    public const string WatchedFolderMetadata = "watchedfolder";

    /// <summary>The tag of the blobs uploaded from <paramref name="directory"/>: metadata values are ASCII, paths need not be.</summary>
    public static string FolderTag(string directory) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)))))[..32];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.WatchDirectory is not { } directory)
        {
            return;
        }
        Directory.CreateDirectory(directory);
        LogWatching(directory);
        var known = new Dictionary<string, (long Length, DateTime Written)>(StringComparer.Ordinal);
        var tag = new Dictionary<string, string> { [WatchedFolderMetadata] = FolderTag(directory) };
        var reconciled = false;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        do
        {
            try
            {
                if (!reconciled)
                {
                    await DeleteGoneWhileStoppedAsync(directory, tag[WatchedFolderMetadata], stoppingToken);
                    reconciled = true;
                }
                await SyncAsync(directory, known, tag, stoppingToken);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or Azure.RequestFailedException)
            {
                LogSyncFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// Deletes (and reports) the blobs this folder uploaded whose files are gone: deleted while the server was stopped.
    /// One listing request per 5,000 blobs of the container, once per start.
    /// </summary>
    private async Task DeleteGoneWhileStoppedAsync(string directory, string tag, CancellationToken cancellationToken)
    {
        await foreach (var name in uploader.NamesTaggedAsync(WatchedFolderMetadata, tag, cancellationToken))
        {
            var file = Path.Combine(directory, name.Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(file) && await uploader.DeleteAsync(name, cancellationToken))
            {
                await blobEvents.HandleAsync(LocalBlobEvents.Deleted(uploader.UriOf(name)), cancellationToken);
                LogDeleted(file, name);
            }
        }
    }

    private async Task SyncAsync(string directory, Dictionary<string, (long Length, DateTime Written)> known, Dictionary<string, string> tag, CancellationToken cancellationToken)
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
            if (await uploader.UploadAsync(name, await File.ReadAllBytesAsync(file, cancellationToken), overwrite: true, cancellationToken, tag) == ArticleUploader.Outcome.Uploaded)
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
