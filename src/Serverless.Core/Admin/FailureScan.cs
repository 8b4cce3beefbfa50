
namespace Serverless.Core.Admin;

/// <summary>The places the failure report reads, in the order it reads them.</summary>
internal enum FailureScan
{
    /// <summary>Source records that failed (ingest, listing): a filtered query of the sources table.</summary>
    FailedSources,

    /// <summary>Article records whose last render failed for good: a filtered query of the articles table.</summary>
    RenderFailures,
    RenderPoison,
    BlobPoison,
    SitePoison,
    ReleasePoison,
    JobPoison,
    DeliveryPoison,

    /// <summary>The reconciliation's record of a listing it could not get past.</summary>
    Listing,

    /// <summary>The row of the uploaded theme sheet, when it is left out.</summary>
    Theme,
}
