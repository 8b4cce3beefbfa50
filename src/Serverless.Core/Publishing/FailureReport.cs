using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Serverless.Core.Storage;

namespace Serverless.Core.Publishing;

/// <summary>Where a failure was found.</summary>
public enum FailureKind
{
    /// <summary>The blob's record says Failed: ingest refused it, or stage 2 gave up on its page.</summary>
    Source,

    /// <summary>A render message the queue trigger gave up on, now in the render poison queue.</summary>
    RenderPoison,

    /// <summary>A blob the blob trigger failed on five times, now in the host's blob-trigger poison queue.</summary>
    BlobPoison,

    /// <summary>A site-file rebuild (feeds, a sitemap file, a tag page) that failed five times; the file's next request rebuilds it.</summary>
    SitePoison,

    /// <summary>A scheduled release that failed five times; reconciliation publishes the article once its date has passed.</summary>
    ReleasePoison,

    /// <summary>The reconciliation found the container's listing failing with no single blob to blame (one that is named is a <see cref="Source"/> failure).</summary>
    Listing,
}

/// <param name="At">When the poison message was queued; for a source, when it was processed.</param>
public sealed record Failure(FailureKind Kind, string? BlobName, string? Slug, string Reason, DateTimeOffset? At);

/// <summary>
/// Everything that failed, with why: the failed sources, and the poison messages of stage 2 and of the blob trigger.
/// The queues are peeked (never received), so looking does not disturb the messages or make them visible later.
/// </summary>
public sealed class FailureReport(StorageClients storage, ArticleRepository repository, PublicationStatusReader statuses)
{
    /// <summary>Messages looked at per poison queue: the most a single peek returns.</summary>
    public const int MaxPeeked = 32;

    public async Task<IReadOnlyList<Failure>> ListAsync(CancellationToken cancellationToken)
    {
        var failures = (await statuses.ListAsync(cancellationToken))
            .Where(status => status.State == PublicationState.Failed)
            .Select(status => new Failure(FailureKind.Source, status.BlobName, status.Slug, status.Message ?? "Failed.", status.ProcessedAt))
            .ToList();
        foreach (var message in await PeekAsync(storage.RenderPoisonQueue, cancellationToken))
        {
            failures.Add(await RenderPoisonAsync(message.Body, message.InsertedOn, cancellationToken));
        }
        foreach (var message in await PeekAsync(storage.BlobTriggerPoisonQueue, cancellationToken))
        {
            failures.Add(await BlobPoisonAsync(message.Body, message.InsertedOn, cancellationToken));
        }
        foreach (var message in await PeekAsync(storage.SitePoisonQueue, cancellationToken))
        {
            failures.Add(SitePoison(message.Body, message.InsertedOn));
        }
        foreach (var message in await PeekAsync(storage.ReleasePoisonQueue, cancellationToken))
        {
            failures.Add(ReleasePoison(message.Body, message.InsertedOn));
        }
        if (await repository.GetReconcileStateAsync(cancellationToken) is { UnlistableReason: { } reason } state)
        {
            failures.Add(new Failure(FailureKind.Listing, state.UnlistableAfter, null,
                $"Storage fails to list the articles container after {(state.UnlistableAfter is null ? "its start" : $"'{state.UnlistableAfter}'")} ({reason}), and no single blob could be found to blame: "
                + "the blobs after it are not reconciled (their missed uploads, deletions and scheduled releases wait). Look at the names there in Storage Explorer; rename or delete the one that cannot be listed.",
                state.UnlistableAt));
        }
        return failures;
    }

    private static async Task<IReadOnlyList<Azure.Storage.Queues.Models.PeekedMessage>> PeekAsync(QueueClient queue, CancellationToken cancellationToken)
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

    private static Failure SitePoison(BinaryData body, DateTimeOffset? at)
    {
        try
        {
            var (file, _) = Site.SiteFileMessage.Parse(body.ToString());
            return new Failure(FailureKind.SitePoison, null, null, $"Rebuilding {file} failed five times; the next publish that changes it rebuilds it (the server log says why).", at);
        }
        catch (FormatException exception)
        {
            return new Failure(FailureKind.SitePoison, null, null, exception.Message, at);
        }
    }

    private static Failure ReleasePoison(BinaryData body, DateTimeOffset? at)
    {
        try
        {
            var release = ScheduledRelease.Parse(body.ToString());
            return new Failure(FailureKind.ReleasePoison, release.BlobName, null,
                $"Releasing it at {release.At:u} failed five times; reconciliation publishes it now that its date has passed (the server log says why).", at);
        }
        catch (FormatException exception)
        {
            return new Failure(FailureKind.ReleasePoison, null, null, exception.Message, at);
        }
    }

    /// <summary>A render message names its slug; the reason is what the handler recorded on its last delivery.</summary>
    private async Task<Failure> RenderPoisonAsync(BinaryData body, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        RenderMessage message;
        try
        {
            message = RenderMessage.Parse(body.ToString());
        }
        catch (FormatException exception)
        {
            return new Failure(FailureKind.RenderPoison, null, null, exception.Message, at);
        }
        if (message.Slug is not { } slug)
        {
            return new Failure(FailureKind.RenderPoison, null, null,
                $"A fan-out message of {message.Fanout!.Count} slugs could not be handed on: the reconciliation requests their renders again.", at);
        }
        var article = await repository.GetArticleAsync(slug, cancellationToken);
        return new Failure(FailureKind.RenderPoison, article?.SourceBlob, slug,
            article?.RenderFailure ?? $"Rendering '{slug}' failed {RenderMessageHandler.MaxDequeueCount} times; the log of those attempts says why.", at);
    }

    /// <summary>The host's message names the container and blob; the reason is the blob's recorded status, when it has one.</summary>
    private async Task<Failure> BlobPoisonAsync(BinaryData body, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        BlobTriggerPoisonMessage? message = null;
        try
        {
            message = body.ToObjectFromJson<BlobTriggerPoisonMessage>(PoisonJson);
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

    private static readonly JsonSerializerOptions PoisonJson = new(JsonSerializerDefaults.Web);

    /// <summary>The part of the WebJobs host's blob-trigger poison message that says which blob it is.</summary>
    private sealed record BlobTriggerPoisonMessage(string? ContainerName, string? BlobName);
}
