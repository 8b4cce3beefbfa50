using Serverless.Core.Publishing;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Render.Outputs;

/// <summary>
/// The sitemap (<see cref="SitemapFiles"/>): asks the site-file stage for the shard of the article's month (and of its
/// former month when its date moved) whenever its address or last modification changes; the shard's rebuild asks for
/// the index's.
/// </summary>
public sealed class SitemapOutput(SiteFileRequests siteFiles, PipelineVersion version) : IArticleOutput
{
    public string Name => "sitemap";

    public async Task<string?> ApplyAsync(StoredArticle article, string? previous, PendingWork pending, CancellationToken cancellationToken)
    {
        // The sitemap shows the article's address (slug) in its month's shard, with its last modification.
        var state = article is { IsServed: true, Outputs.ListingRowKey: { } row } ? $"{version.Render}|{row}|{article.Modified:O}" : null;
        if (state == previous && pending.StaleListingRows.Count == 0)
        {
            return state;
        }
        var rows = pending.StaleListingRows.Append(article.IsServed ? article.Outputs.ListingRowKey : null).Append(previous?.Split('|')[1]).OfType<string>();
        await siteFiles.RequestAsync(rows.Select(row => SiteFileKey.SitemapShard(SitemapFiles.MonthOf(TableKeys.PublishedOfListingRow(row)))), cancellationToken);
        return state;
    }
}
