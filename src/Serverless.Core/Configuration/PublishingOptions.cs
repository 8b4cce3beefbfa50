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

    /// <summary>
    /// The longest window of the files a burst touches again and again (tag and author pages, monthly sitemap shards,
    /// the search index; <c>Publishing:SiteFileImportDelaySeconds</c>): theirs while the instance imports an archive, and
    /// the most a file asked for window after window doubles its window to. Each is then rebuilt about once per this
    /// rather than once per <see cref="SiteFileDelaySeconds"/>. Feeds, the news sitemap and the sitemap index keep the
    /// short window, for news published meanwhile. Not shorter than <see cref="SiteFileDelaySeconds"/>; 0 keeps it.
    /// </summary>
    [Range(0, 300, ErrorMessage = "Publishing:SiteFileImportDelaySeconds must be between 0 and 300.")]
    public int SiteFileImportDelaySeconds { get; set; } = 30;

    /// <summary>
    /// How long a render of a page that follows another article (a related or citing page) waits before it runs
    /// (<c>Publishing:RenderDelaySeconds</c>): in a burst of uploads the same page is asked for by many of them, and
    /// the delay lets one render read all their changes. An archive's own page waits too; news is rendered at once
    /// (<see cref="NewsRenderWindowHours"/>). 0 renders at once.
    /// </summary>
    [Range(0, 60, ErrorMessage = "Publishing:RenderDelaySeconds must be between 0 and 60.")]
    public int RenderDelaySeconds { get; set; } = 2;

    /// <summary>
    /// How long the corpus must stop growing for a burst to count as over, four times <see cref="RenderDelaySeconds"/>:
    /// the longest a page a burst keeps asking for is put back at once; keywords are weighed again, and the renders an
    /// import held are let go, after this much quiet.
    /// </summary>
    public TimeSpan SettleDelay => TimeSpan.FromSeconds(RenderDelaySeconds * 4);

    /// <summary>
    /// The longest a page that follows other articles waits for its render, from the first request
    /// (<c>Publishing:RenderDelayMaxSeconds</c>). A page asked for again as its render comes due is put back (by twice
    /// the delay, up to four times <see cref="RenderDelaySeconds"/>), so that a page a burst keeps asking for renders
    /// once the burst has moved on, or once per this while it lasts.
    /// </summary>
    [Range(0, 3600, ErrorMessage = "Publishing:RenderDelayMaxSeconds must be between 0 and 3600.")]
    public int RenderDelayMaxSeconds { get; set; } = 300;

    /// <summary>
    /// An article dated within this many hours of its ingest is news: its page is rendered by the ingest itself, as well
    /// as by its render message, so that it is served within seconds even while an archive import fills the render
    /// queue (<c>Publishing:NewsRenderWindowHours</c>). 0 leaves every render to the queue.
    /// </summary>
    [Range(0, 8760, ErrorMessage = "Publishing:NewsRenderWindowHours must be between 0 and 8760.")]
    public int NewsRenderWindowHours { get; set; } = 48;
}
