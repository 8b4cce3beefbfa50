using Azure;
using Serverless.Core.Ingest;
using Serverless.Core.Storage;

namespace Serverless.LocalServer.Publishing;

/// <summary>
/// Event Grid for any storage client: Azurite sends no events, so every <see cref="LocalServerSettings.NoticeInterval"/>
/// (2 s by default) the articles container is listed and compared with the previous listing (name → ETag, in memory),
/// and each blob created, changed or deleted since is reported as Event Grid reports it on Azure, through the same
/// webhook handler (<see cref="BlobEvents"/>). An upload from Storage Explorer, az or azcopy is thus published within
/// seconds, not at the next reconciliation; one this process has taken up already (<see cref="DeliveredVersions"/>) is
/// not reported again. A blob storage cannot list (<see cref="ArticlesListing"/>) is looked at by
/// name instead; where the listing stops short, the names past it are kept as they were rather than taken for deleted.
/// </summary>
public sealed partial class BlobChangeNotifier(StorageClients storage, ArticlesListing listing, BlobEvents events, DeliveredVersions delivered, LocalServerSettings settings,
    ILogger<BlobChangeNotifier> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Dictionary<string, ETag>? previous = null;
        using var timer = new PeriodicTimer(settings.NoticeInterval);
        do
        {
            try
            {
                await storage.EnsureCreatedAsync(stoppingToken);
                var current = await ListAsync(previous, stoppingToken);
                // The first listing is the baseline: what was there before the server started is the reconciliation's.
                previous = previous is null ? current : await ReportChangesAsync(previous, current, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Storage hiccups are retried at the next tick; the baseline stays, so nothing is missed.
                LogListingFailed(exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Every blob's ETag; an unlistable blob's read by name; past an unlistable range, the previous listing's.</summary>
    private async Task<Dictionary<string, ETag>> ListAsync(Dictionary<string, ETag>? previous, CancellationToken cancellationToken)
    {
        var current = new Dictionary<string, ETag>(StringComparer.Ordinal);
        await foreach (var page in listing.ListAsync(null, cancellationToken))
        {
            foreach (var blob in page.Blobs)
            {
                current[blob.Name] = blob.Properties.ETag ?? default;
            }
            switch (page.Unlistable)
            {
                case { Name: { } name }:
                    if (await ETagOfAsync(name, cancellationToken) is { } etag)
                    {
                        current[name] = etag;
                    }
                    break;
                case { After: var after }:
                    foreach (var (kept, keptETag) in previous?.Where(entry => after is null || string.CompareOrdinal(entry.Key, after) > 0) ?? [])
                    {
                        current[kept] = keptETag;
                    }
                    break;
            }
        }
        return current;
    }

    /// <summary>The blob's ETag by a point read; null when it is gone.</summary>
    private async Task<ETag?> ETagOfAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            return (await storage.Articles.GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Reports each difference; returns the listing to compare the next with, where a report that failed stays as before so it is made again.</summary>
    private async Task<Dictionary<string, ETag>> ReportChangesAsync(Dictionary<string, ETag> previous, Dictionary<string, ETag> current, CancellationToken cancellationToken)
    {
        var next = new Dictionary<string, ETag>(current, StringComparer.Ordinal);
        foreach (var (name, etag) in current)
        {
            // An upload this process has taken up already (reported by the upload command or the folder watcher) is not reported again.
            if ((!previous.TryGetValue(name, out var before) || before != etag) && !delivered.Contains(name, etag.ToString()))
            {
                if (!await ReportAsync(LocalBlobEvents.Created(storage.Articles.GetBlobClient(name).Uri), name, cancellationToken))
                {
                    RestoreEntry(next, previous, name);
                }
            }
        }
        foreach (var name in previous.Keys.Where(name => !current.ContainsKey(name)))
        {
            if (!await ReportAsync(LocalBlobEvents.Deleted(storage.Articles.GetBlobClient(name).Uri), name, cancellationToken))
            {
                RestoreEntry(next, previous, name);
            }
        }
        return next;
    }

    private static void RestoreEntry(Dictionary<string, ETag> next, Dictionary<string, ETag> previous, string name)
    {
        if (previous.TryGetValue(name, out var before))
        {
            next[name] = before;
        }
        else
        {
            next.Remove(name);
        }
    }

    private async Task<bool> ReportAsync(BinaryData delivery, string blobName, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var result in (await events.HandleAsync(delivery, cancellationToken)).Results)
            {
                LogNoticed(result.EventType, blobName, result.Outcome, result.Detail);
            }
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogReportFailed(exception, blobName);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Noticed {EventType} for {BlobName}: {Outcome} {Detail}")]
    private partial void LogNoticed(string eventType, string blobName, string outcome, string? detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not process the change of {BlobName}; tried again at the next listing")]
    private partial void LogReportFailed(Exception exception, string blobName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listing the articles container to notice changes failed; tried again at the next tick")]
    private partial void LogListingFailed(Exception exception);
}
