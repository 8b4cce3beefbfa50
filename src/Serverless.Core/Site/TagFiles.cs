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

    /// <summary>The site-relative path of the tag's first page; later pages add <c>?after=</c>.</summary>
    public static string TagPath(string tagSlug) => $"/tags/{tagSlug}";

    /// <summary>
    /// The tag's page listed after <paramref name="after"/> (a later page, served as asked rather than stored: one
    /// range query, plus a bounded one for its newer neighbour); its HTML, or null when the tag lists nothing there.
    /// </summary>
    public async Task<byte[]?> RenderPageAsync(string tagSlug, string after, CancellationToken cancellationToken)
    {
        var page = await repository.ListTagPageAsync(tagSlug, PageSize, after, cancellationToken);
        if (page.Items.Count == 0)
        {
            return null;
        }
        var tag = page.Items[0].Tags.FirstOrDefault(candidate => Slugs.From(candidate) == tagSlug) ?? tagSlug;
        return Encoding.UTF8.GetBytes(pages.RenderTag(tag, tagSlug, page.Items, PageLinks.For(TagPath(tagSlug), page, after)));
    }

    public Task RebuildAsync(string tagSlug, CancellationToken cancellationToken) =>
        files.PublishAsync([PageFile(tagSlug), FeedFile(tagSlug)], async token =>
        {
            var page = await repository.ListTagPageAsync(tagSlug, PageSize, after: null, token);
            var articles = page.Items;
            if (articles.Count == 0)
            {
                return [null, null];
            }
            // The tag as the newest article writes it.
            var tag = articles[0].Tags.FirstOrDefault(candidate => Slugs.From(candidate) == tagSlug) ?? tagSlug;
            var channel = new FeedChannel(layout.TitleFor(tag), tag, urls.Tag(tagSlug), urls.TagFeed(tagSlug));
            return
            [
                new SiteFileContent(Encoding.UTF8.GetBytes(pages.RenderTag(tag, tagSlug, articles, PageLinks.For(TagPath(tagSlug), page, after: null))), "text/html; charset=utf-8"),
                new SiteFileContent(feeds.Rss(channel, [.. articles.Take(FeedFiles.Size)]), FeedWriter.RssContentType),
            ];
        }, cancellationToken);
}
