using System.Text;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Site;

/// <summary>A tag's page and feed, <c>tags/{tag}/index.html</c> and <c>tags/{tag}/feed.xml</c>, from one query of its listing; both removed once it has no article.</summary>
public sealed class TagFiles(ArticleRepository repository, SiteFiles files, IndexPageRenderer pages, FeedWriter feeds, SiteUrls urls, SiteLayout layout)
{
    /// <summary>Articles on a tag's page, newest first.</summary>
    public const int PageSize = 50;

    public static string PageFile(string tagSlug) => $"tags/{tagSlug}/index.html";

    public static string FeedFile(string tagSlug) => $"tags/{tagSlug}/feed.xml";

    public Task RebuildAsync(string tagSlug, CancellationToken cancellationToken) =>
        files.PublishAsync([PageFile(tagSlug), FeedFile(tagSlug)], async token =>
        {
            var articles = await repository.ListTagAsync(tagSlug, PageSize, token);
            if (articles.Count == 0)
            {
                return [null, null];
            }
            // The tag as the newest article writes it.
            var tag = articles[0].Tags.FirstOrDefault(candidate => Slugs.From(candidate) == tagSlug) ?? tagSlug;
            var channel = new FeedChannel(layout.TitleFor(tag), tag, urls.Tag(tagSlug), urls.TagFeed(tagSlug));
            return
            [
                new SiteFileContent(Encoding.UTF8.GetBytes(pages.RenderTag(tag, tagSlug, articles)), "text/html; charset=utf-8"),
                new SiteFileContent(feeds.Rss(channel, [.. articles.Take(FeedFiles.Size)]), FeedWriter.RssContentType),
            ];
        }, cancellationToken);
}
