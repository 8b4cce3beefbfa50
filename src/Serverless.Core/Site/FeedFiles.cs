using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Site;

/// <summary>The site's feeds, <c>feed.xml</c> (RSS 2.0) and <c>atom.xml</c> (Atom 1.0): the newest articles of the listing, from one query.</summary>
public sealed class FeedFiles(ArticlesByDate listing, SiteFiles files, FeedWriter writer, SiteUrls urls, SiteLayout layout)
{
    /// <summary>Articles in each feed.</summary>
    public const int Size = 20;

    public const string RssFile = "feed.xml";
    public const string AtomFile = "atom.xml";

    public Task RebuildAsync(CancellationToken cancellationToken)
    {
        var site = layout.Site;
        var channel = new FeedChannel(site.Name, PageTexts.For(site.DefaultLanguage).LatestArticles + " · " + site.Name, urls.Home, urls.RssFeed);
        return files.PublishAsync([RssFile, AtomFile], async token =>
        {
            var (articles, _) = await listing.ListAsync(Size, after: null, token);
            return
            [
                new SiteFileContent(writer.Rss(channel, articles), FeedWriter.RssContentType),
                new SiteFileContent(writer.Atom10(channel with { FeedUrl = urls.AtomFeed }, articles), FeedWriter.AtomContentType),
            ];
        }, cancellationToken);
    }
}
