using System.ComponentModel.DataAnnotations;

namespace Serverless.Core.Configuration;

/// <summary>How publishing pages through large fan-outs and batches site-wide files, bound from the <c>Publishing</c> configuration section.</summary>
public sealed class PublishingOptions
{
    public const string SectionName = "Publishing";

    /// <summary>
    /// Citing pages read per request of the citations index, and so per citing-pages message (<c>Publishing:CitationPageSize</c>).
    /// The default, 999, fills one Table service page with the row that tells whether more follow.
    /// </summary>
    [Range(1, 999, ErrorMessage = "Publishing:CitationPageSize must be between 1 and 999 (one Table service page with the row that tells whether more follow).")]
    public int CitationPageSize { get; set; } = 999;

    /// <summary>
    /// The window site files are rebuilt in (<c>Publishing:SiteFileDelaySeconds</c>): a rebuild asked for during one window
    /// runs once at its end, so a burst of publishes rebuilds the feeds, sitemap shards and tag pages about once per
    /// window, not once per article. 0 rebuilds at once.
    /// </summary>
    [Range(0, 60, ErrorMessage = "Publishing:SiteFileDelaySeconds must be between 0 and 60.")]
    public int SiteFileDelaySeconds { get; set; } = 3;
}
