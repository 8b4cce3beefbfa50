using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Serverless.Core.Ingest;
using Serverless.Core.Render;
using Serverless.Core.Storage;

namespace Serverless.Core.Admin;

/// <summary>
/// Everything that failed, with why, a page at a time: the failed sources (and the articles whose render failed for
/// good), then the poison messages of each stage, then a listing the reconciliation could not get past. Each scan
/// (<see cref="FailureScan"/>) costs a page one query or one peek, plus a read or two per failure it describes, so a
/// page costs a bounded number of requests however many sources there are. The queues are peeked (never received), so
/// looking does not disturb the messages or make them visible later; a peek sees a queue's first
/// <see cref="MaxPeeked"/> messages, and an entry after them says how many more the queue holds.
/// </summary>
public sealed class FailureReport(StorageClients storage, ArticleRepository repository, PublicationStatusReader statuses, ThemeUploadWatcher themes) : IFailureSource
{
    /// <summary>Messages looked at per poison queue: the most a single peek returns.</summary>
    public const int MaxPeeked = 32;

    public async Task<AdminPage<Failure>> ListAsync(int top, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var cursor = continuationToken is null ? FailureCursor.Start : FailureCursor.Decode(continuationToken);
        var failures = new List<Failure>();
        // One request of each scan at most: a scan with more to read ends the page, one read to its end hands on to the next.
        while (cursor is not null && failures.Count < top)
        {
            var scan = cursor.Scan;
            var step = await ReadAsync(cursor, top - failures.Count, cancellationToken);
            failures.AddRange(step.Found);
            cursor = step.Next;
            if (cursor is not null && cursor.Scan == scan)
            {
                break;
            }
        }
        return new AdminPage<Failure>(failures, cursor?.Encode());
    }

    /// <summary>At most <paramref name="max"/> failures from where <paramref name="cursor"/> stands, and where the next read starts.</summary>
    private Task<ScanStep> ReadAsync(FailureCursor cursor, int max, CancellationToken cancellationToken) => cursor.Scan switch
    {
        FailureScan.FailedSources => FailedSourcesAsync(cursor, max, cancellationToken),
        FailureScan.RenderFailures => RenderFailuresAsync(cursor, max, cancellationToken),
        FailureScan.RenderPoison => PoisonAsync(cursor, max, storage.RenderPoisonQueue, FailureKind.RenderPoison, RenderPoisonAsync, cancellationToken),
        FailureScan.BlobPoison => PoisonAsync(cursor, max, storage.BlobTriggerPoisonQueue, FailureKind.BlobPoison, BlobPoisonAsync, cancellationToken),
        FailureScan.SitePoison => PoisonAsync(cursor, max, storage.SitePoisonQueue, FailureKind.SitePoison, (message, _) => Task.FromResult(SitePoison(message)), cancellationToken),
        FailureScan.ReleasePoison => PoisonAsync(cursor, max, storage.ReleasePoisonQueue, FailureKind.ReleasePoison, (message, _) => Task.FromResult(ReleasePoison(message)), cancellationToken),
        FailureScan.JobPoison => PoisonAsync(cursor, max, storage.JobPoisonQueue, FailureKind.JobPoison, (message, _) => Task.FromResult(JobPoison(message)), cancellationToken),
        FailureScan.DeliveryPoison => PoisonAsync(cursor, max, storage.DeliveryPoisonQueue, FailureKind.DeliveryPoison, (message, _) => Task.FromResult(DeliveryPoison(message)), cancellationToken),
        FailureScan.Listing => ListingAsync(cursor, cancellationToken),
        _ => ThemeAsync(cancellationToken),
    };

    /// <summary>A failed source says why itself: no read beyond the query. A listing problem comes first, as in its status.</summary>
    private async Task<ScanStep> FailedSourcesAsync(FailureCursor cursor, int max, CancellationToken cancellationToken)
    {
        var page = await repository.ReadFailedSourcePageAsync(max, cursor.Continuation, cancellationToken);
        var failures = page.Items
            .Select(source => new Failure(FailureKind.Source, source.BlobName, source.Slug, source.ListingProblem ?? source.Message ?? "Failed.", source.ProcessedAt))
            .ToList();
        return new ScanStep(failures, page.ContinuationToken is { } next ? cursor with { Continuation = next } : cursor.NextScan());
    }

    /// <summary>An article whose render failed is listed as its blob's failure, unless its blob failed itself (listed above) or moved on.</summary>
    private async Task<ScanStep> RenderFailuresAsync(FailureCursor cursor, int max, CancellationToken cancellationToken)
    {
        var page = await repository.ReadRenderFailurePageAsync(max, cursor.Continuation, cancellationToken);
        var failures = new List<Failure>();
        foreach (var slug in page.Items)
        {
            if (await statuses.ForRenderFailureAsync(slug, cancellationToken) is { } status)
            {
                failures.Add(new Failure(FailureKind.Source, status.BlobName, status.Slug, status.Message ?? "Failed.", status.ProcessedAt));
            }
        }
        return new ScanStep(failures, page.ContinuationToken is { } next ? cursor with { Continuation = next } : cursor.NextScan());
    }

    /// <summary>
    /// The entries of a poison queue from <see cref="FailureCursor.Skip"/> on: its peeked messages, then, when it holds
    /// more than a peek shows, one entry saying how many more (no silent cap). Peeked again on every page.
    /// </summary>
    private static async Task<ScanStep> PoisonAsync(FailureCursor cursor, int max, QueueClient queue, FailureKind kind,
        Func<PeekedMessage, CancellationToken, Task<Failure>> describe, CancellationToken cancellationToken)
    {
        var peeked = await PeekAsync(queue, cancellationToken);
        var notShown = peeked.Count == MaxPeeked ? (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount - MaxPeeked : 0;
        var entries = peeked.Count + (notShown > 0 ? 1 : 0);
        var failures = new List<Failure>();
        var index = cursor.Skip;
        for (; index < entries && failures.Count < max; index++)
        {
            failures.Add(index < peeked.Count
                ? await describe(peeked[index], cancellationToken)
                : new Failure(kind, null, null,
                    $"{notShown} more messages wait in the queue '{queue.Name}' after these {MaxPeeked}, which are all a peek shows: move or delete these (Storage Explorer, az storage message) to see the next.",
                    null));
        }
        return new ScanStep(failures, index < entries ? cursor with { Skip = index } : cursor.NextScan());
    }

    private async Task<ScanStep> ListingAsync(FailureCursor cursor, CancellationToken cancellationToken)
    {
        if (await repository.GetReconcileStateAsync(cancellationToken) is not { UnlistableReason: { } reason } state)
        {
            return new ScanStep([], cursor.NextScan());
        }
        return new ScanStep([new Failure(FailureKind.Listing, state.UnlistableAfter, null,
            $"Storage fails to list the articles container after {(state.UnlistableAfter is null ? "its start" : $"'{state.UnlistableAfter}'")} ({reason}), and no single blob could be found to blame: "
            + "the blobs after it are not reconciled (their missed uploads, deletions and scheduled releases wait). Look at the names there in Storage Explorer; rename or delete the one that cannot be listed.",
            state.UnlistableAt)], cursor.NextScan());
    }

    private async Task<ScanStep> ThemeAsync(CancellationToken cancellationToken) =>
        new(await themes.GetProblemAsync(cancellationToken) is { Problem: { } problem } state
            ? [new Failure(FailureKind.Theme, Site.ThemeUpload.FileName, null, problem, state.CheckedAt)]
            : [], null);

    private static async Task<IReadOnlyList<PeekedMessage>> PeekAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await queue.PeekMessagesAsync(MaxPeeked, cancellationToken)).Value;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return []; // the host creates its poison queue on the first failure only
        }
    }

    private static Failure SitePoison(PeekedMessage message)
    {
        try
        {
            var (file, _) = Site.SiteFileMessage.Parse(message.Body.ToString());
            return new Failure(FailureKind.SitePoison, null, null, $"Rebuilding {file} failed five times; the next publish that changes it rebuilds it (the server log says why).", message.InsertedOn);
        }
        catch (FormatException exception)
        {
            return new Failure(FailureKind.SitePoison, null, null, exception.Message, message.InsertedOn);
        }
    }

    private static Failure DeliveryPoison(PeekedMessage message)
    {
        var delivery = Json.Read<ActivityPub.DeliveryMessage>(message.Body.ToString());
        return new Failure(FailureKind.DeliveryPoison, null, null,
            $"Delivery to {delivery?.Inbox} given up after attempt {delivery?.Attempt}: {delivery?.Failure ?? "no reason recorded"}", message.InsertedOn);
    }

    private static Failure ReleasePoison(PeekedMessage message)
    {
        try
        {
            var release = ScheduledRelease.Parse(message.Body.ToString());
            return new Failure(FailureKind.ReleasePoison, release.BlobName, null,
                $"Releasing it at {release.At:u} failed five times; reconciliation publishes it now that its date has passed (the server log says why).", message.InsertedOn);
        }
        catch (FormatException exception)
        {
            return new Failure(FailureKind.ReleasePoison, null, null, exception.Message, message.InsertedOn);
        }
    }

    private static Failure JobPoison(PeekedMessage message)
    {
        try
        {
            var page = JobMessage.Parse(message.Body.ToString());
            return new Failure(FailureKind.JobPoison, null, null,
                $"Page {page.Page} of job {page.Job} failed five times, and the job stopped there: GET {Http.Routes.AdminJobPath(page.Job)} says why. Republish again to start over.",
                message.InsertedOn);
        }
        catch (FormatException exception)
        {
            return new Failure(FailureKind.JobPoison, null, null, exception.Message, message.InsertedOn);
        }
    }

    /// <summary>A render message names its slug; the reason is what the handler recorded on its last delivery.</summary>
    private async Task<Failure> RenderPoisonAsync(PeekedMessage peeked, CancellationToken cancellationToken)
    {
        var at = peeked.InsertedOn;
        RenderMessage message;
        try
        {
            message = RenderMessage.Parse(peeked.Body.ToString());
        }
        catch (FormatException exception)
        {
            return new Failure(FailureKind.RenderPoison, null, null, exception.Message, at);
        }
        if (message.Slug is not { } slug)
        {
            return new Failure(FailureKind.RenderPoison, null, null,
                $"A fan-out message of {message.Fanout?.Count ?? 0} slugs could not be handed on: the reconciliation requests their renders again.", at);
        }
        var article = await repository.GetStoredArticleAsync(slug, cancellationToken);
        return new Failure(FailureKind.RenderPoison, article?.Record.SourceBlob, slug,
            article?.Outputs.RenderFailure ?? $"Rendering '{slug}' failed {RenderMessageHandler.MaxDequeueCount} times; the log of those attempts says why.", at);
    }

    /// <summary>The host's message names the container and blob; the reason is the blob's recorded status, when it has one.</summary>
    private async Task<Failure> BlobPoisonAsync(PeekedMessage peeked, CancellationToken cancellationToken)
    {
        var at = peeked.InsertedOn;
        BlobTriggerPoisonMessage? message = null;
        try
        {
            message = peeked.Body.ToObjectFromJson<BlobTriggerPoisonMessage>(PoisonJson);
        }
        catch (JsonException)
        {
        }
        if (message?.BlobName is not { Length: > 0 } blobName)
        {
            return new Failure(FailureKind.BlobPoison, null, null, "A blob-trigger poison message that names no blob.", at);
        }
        if (message.ContainerName != storage.Articles.Name)
        {
            return new Failure(FailureKind.BlobPoison, $"{message.ContainerName}/{blobName}", null, "The blob trigger failed on a blob of another container.", at);
        }
        var status = await statuses.ForBlobAsync(blobName, cancellationToken);
        var reason = status is { State: PublicationState.Failed, Message: { } failure }
            ? failure
            : "The blob trigger failed on it five times (a storage or host error, not its content: the log says which); the reconciliation ingests it again.";
        return new Failure(FailureKind.BlobPoison, blobName, status?.Slug, reason, at);
    }

    /// <summary>What one read of a scan found, and where the next read starts: the same scan further on, the next scan, or null at the end.</summary>
    private sealed record ScanStep(IReadOnlyList<Failure> Found, FailureCursor? Next);

    private static readonly JsonSerializerOptions PoisonJson = new(JsonSerializerDefaults.Web);

    /// <summary>The part of the WebJobs host's blob-trigger poison message that says which blob it is.</summary>
    private sealed record BlobTriggerPoisonMessage(string? ContainerName, string? BlobName);
}
