using Serverless.Core.Publishing;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Render.Outputs;

/// <summary>
/// The Google News sitemap (<see cref="NewsSitemapFiles"/>): asks the site-file stage for its rebuild whenever an article
/// of the last two days changes what the news sitemap shows of it, or comes or goes.
/// </summary>
public sealed class NewsSitemapOutput(SiteFileRequests siteFiles, PipelineVersion version, TimeProvider time) : IArticleOutput
{
    public string Name => "news";

    public async Task<string?> ApplyAsync(StoredArticle article, string? previous, PendingWork pending, CancellationToken cancellationToken)
    {
        var recent = article.Published >= time.GetUtcNow() - NewsSitemapFiles.Window;
        var state = article is { IsServed: true, Outputs.ListingRowKey: { } row } && recent ? version.Render + ":" + ListingEntity.For(article, row).Fingerprint() : null;
        if (state == previous && (state is null || pending.StaleListingRows.Count == 0))
        {
            return state;
        }
        await siteFiles.RequestAsync([SiteFileKey.NewsSitemap], cancellationToken);
        return state;
    }
}
