using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Publishing.Outputs;

/// <summary>
/// The site's feeds, <c>feed.xml</c> (RSS 2.0) and <c>atom.xml</c> (Atom 1.0): the newest articles of the listing,
/// rebuilt whenever what the listing shows of this article changes, or it comes or goes. Runs after
/// <see cref="ListingOutput"/>, whose rows it reads: one query, and a file written only if its bytes change.
/// </summary>
public sealed class FeedOutput(ArticleRepository repository, SiteFiles files, FeedWriter writer, SiteUrls urls, SiteLayout layout, PipelineVersion version) : IArticleOutput
{
    /// <summary>Articles in each feed.</summary>
    public const int Size = 20;

    public const string RssFile = "feed.xml";
    public const string AtomFile = "atom.xml";

    private const string Name = "feed";

    public async Task ApplyAsync(ArticleEntity article, PendingWork pending, CancellationToken cancellationToken)
    {
        // What the feeds show of this article, and how: when neither changed since they were last rebuilt for it, and no
        // listing row went away (a retraction, a date moved), nothing to do.
        var state = article is { IsServed: true, ListingRowKey: { } row } ? version.Render + ":" + ListingEntity.For(article, row).Fingerprint() : null;
        if (state == article.OutputState(Name) && pending.StaleListingRows.Count == 0)
        {
            return;
        }
        var site = layout.Site;
        var channel = new FeedChannel(site.Name, PageTexts.For(site.DefaultLanguage).LatestArticles + " · " + site.Name, urls.Home, urls.RssFeed);
        await files.PublishAsync([RssFile, AtomFile], async token =>
        {
            var (articles, _) = await repository.ListAsync(Size, after: null, token);
            return
            [
                new SiteFileContent(writer.Rss(channel, articles), FeedWriter.RssContentType),
                new SiteFileContent(writer.Atom10(channel with { FeedUrl = urls.AtomFeed }, articles), FeedWriter.AtomContentType),
            ];
        }, cancellationToken);
        article.SetOutputState(Name, state);
    }
}
