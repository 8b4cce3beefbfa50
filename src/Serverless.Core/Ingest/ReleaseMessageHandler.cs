
namespace Serverless.Core.Ingest;

/// <summary>
/// Handles one release-queue message, for the Functions queue trigger and the local server's worker alike: at the
/// article's date, stage 1 runs again on its blob and publishes it; before, the wait goes on in another hop.
/// </summary>
public sealed class ReleaseMessageHandler(ScheduledReleases releases, ArticleIngester ingester)
{
    /// <summary>What ingest did with the released blob; null while its date is still ahead.</summary>
    public async Task<PublishResult?> HandleAsync(string body, CancellationToken cancellationToken) =>
        await releases.DueAsync(body, cancellationToken) is { } release ? await ingester.IngestAsync(release.BlobName, cancellationToken) : null;
}
