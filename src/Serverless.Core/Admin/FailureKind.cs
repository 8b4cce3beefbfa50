
namespace Serverless.Core.Admin;

/// <summary>Where a failure was found; the failure report lists the kinds in this order.</summary>
public enum FailureKind
{
    /// <summary>The blob's record says Failed: ingest refused it, storage cannot list its name, or stage 2 gave up on its page.</summary>
    Source,

    /// <summary>A render message the queue trigger gave up on, now in the render poison queue.</summary>
    RenderPoison,

    /// <summary>A blob the blob trigger failed on five times, now in the host's blob-trigger poison queue.</summary>
    BlobPoison,

    /// <summary>A site-file rebuild (feeds, a sitemap file, a tag page) that failed five times; the file's next request rebuilds it.</summary>
    SitePoison,

    /// <summary>A scheduled release that failed five times; reconciliation publishes the article once its date has passed.</summary>
    ReleasePoison,

    /// <summary>A page of an admin job (republishing) that failed five times: the job stopped there, and says why.</summary>
    JobPoison,

    /// <summary>An ActivityPub delivery refused for good by the receiving server, or still failing after every attempt.</summary>
    DeliveryPoison,

    /// <summary>The reconciliation found the container's listing failing with no single blob to blame (one that is named is a <see cref="Source"/> failure).</summary>
    Listing,

    /// <summary>The uploaded theme sheet is left out of the pages (too large): <see cref="Site.ThemeUpload"/>.</summary>
    Theme,
}
