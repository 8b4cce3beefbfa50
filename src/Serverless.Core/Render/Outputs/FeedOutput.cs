using Serverless.Core.Publishing;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Render.Outputs;

/// <summary>
/// The site's feeds (<see cref="FeedFiles"/>): asks the site-file stage for their rebuild whenever what the listing
/// shows of this article changes, or it comes or goes. The feeds are rebuilt there, once for a burst of publishes.
/// </summary>
public sealed class FeedOutput(SiteFileRequests siteFiles, PipelineVersion version) : IArticleOutput
{
    public string Name => "feed";

    public async Task<string?> ApplyAsync(StoredArticle article, string? previous, PendingWork pending, CancellationToken cancellationToken)
    {
        // What the feeds show of this article, and how: when neither changed since they were last asked for it, and no
        // listing row went away (a retraction, a date moved), nothing to do.
        var state = article is { IsServed: true, Outputs.ListingRowKey: { } row } ? version.Render + ":" + ListingEntity.For(article, row).Fingerprint() : null;
        if (state == previous && pending.StaleListingRows.Count == 0)
        {
            return state;
        }
        await siteFiles.RequestAsync([SiteFileKey.Feeds], cancellationToken);
        return state;
    }
}
