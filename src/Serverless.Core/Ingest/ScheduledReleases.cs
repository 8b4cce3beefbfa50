using Microsoft.Extensions.Logging;
using Serverless.Core.Storage;

namespace Serverless.Core.Ingest;

/// <summary>
/// Embargoes released on the minute: ingest of an article dated in the future sends a message on the release queue
/// that becomes visible at its date, and handling it ingests the blob again, which publishes it. A queue message can
/// stay invisible for 7 days at most, so a later date is reached in hops, each message re-armed for the rest. The
/// reconciler remains the safety net for a message lost to a crash between the ingest and its send.
/// </summary>
public sealed partial class ScheduledReleases(StorageClients storage, TimeProvider time, ILogger<ScheduledReleases> logger)
{
    /// <summary>Below the queue's limit of 7 days, with room for the clock skew between instances.</summary>
    public static readonly TimeSpan MaxHop = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(5);

    /// <summary>Raised once a message is sent, so that a worker in the same process (the local server's) can look sooner.</summary>
    public event EventHandler? Sent;

    /// <summary>Sends the release of <paramref name="blobName"/> at <paramref name="at"/> (or the next hop towards it).</summary>
    public async Task ScheduleAsync(string blobName, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var wait = at - time.GetUtcNow();
        // Whole seconds, rounded up: the queue counts visibility in seconds, and an embargo must never lift early.
        var delay = wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > MaxHop ? MaxHop : TimeSpan.FromSeconds(Math.Ceiling(wait.TotalSeconds));
        // Never expires: the default time-to-live (7 days) would drop a message re-armed for the longest hop.
        await storage.ReleaseQueue.SendMessageAsync(Json.Write(new ScheduledRelease(blobName, at)), visibilityTimeout: delay,
            timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
        Sent?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>
    /// Handles one release message: before its date (a hop of a long wait, or a clock behind the queue's), sends the next
    /// hop; from its date, returns it, and the caller ingests the blob. A blob re-dated meanwhile is simply ingested
    /// again, which schedules it anew.
    /// </summary>
    public async Task<ScheduledRelease?> DueAsync(string body, CancellationToken cancellationToken)
    {
        ScheduledRelease release;
        try
        {
            release = ScheduledRelease.Parse(body);
        }
        catch (FormatException exception)
        {
            LogMalformed(exception.Message);
            throw;
        }
        if (release.At > time.GetUtcNow())
        {
            await ScheduleAsync(release.BlobName, release.At, cancellationToken);
            LogRearmed(release.BlobName, release.At);
            return null;
        }
        return release;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Release of {BlobName} re-armed for {At}")]
    private partial void LogRearmed(string blobName, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Error, Message = "Malformed release message: {Reason}")]
    private partial void LogMalformed(string reason);
}
