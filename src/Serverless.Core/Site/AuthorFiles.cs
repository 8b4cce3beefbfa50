using System.Text;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Site;

/// <summary>
/// An author's page and feed, <c>authors/{author}/index.html</c> and <c>authors/{author}/feed.xml</c>, from one query
/// of their listing and one read of their optional profile (<see cref="AuthorProfile"/>); both removed once they have
/// no article. A changed profile rebuilds them (<see cref="Admin.AuthorProfileWatcher"/>).
/// </summary>
public sealed class AuthorFiles(ArticleRepository repository, SiteFiles files, AuthorProfiles profiles, IndexPageRenderer pages, FeedWriter feeds, SiteUrls urls, SiteLayout layout)
{
    /// <summary>Articles on an author's page, newest first, as on a tag's.</summary>
    public const int PageSize = TagFiles.PageSize;

    public static string PageFile(string authorSlug) => $"authors/{authorSlug}/index.html";

    public static string FeedFile(string authorSlug) => $"authors/{authorSlug}/feed.xml";

    /// <summary>The author's page listed after <paramref name="after"/>, served as asked as a tag's later pages are; null when it lists nothing there.</summary>
    public async Task<byte[]?> RenderPageAsync(string authorSlug, string after, CancellationToken cancellationToken)
    {
        var page = await repository.ListAuthorPageAsync(authorSlug, PageSize, after, cancellationToken);
        return page.Items.Count == 0
            ? null
            : Encoding.UTF8.GetBytes(pages.RenderAuthor(NameOf(page.Items[0], authorSlug), authorSlug, AuthorProfile.Empty, page.Items, PageLinks.For(SiteUrls.AuthorPath(authorSlug), page, after)));
    }

    public Task RebuildAsync(string authorSlug, CancellationToken cancellationToken) =>
        files.PublishAsync([PageFile(authorSlug), FeedFile(authorSlug)], async token =>
        {
            var page = await repository.ListAuthorPageAsync(authorSlug, PageSize, after: null, token);
            var articles = page.Items;
            if (articles.Count == 0)
            {
                return [null, null];
            }
            var name = NameOf(articles[0], authorSlug);
            var profile = await profiles.ReadAsync(authorSlug, token);
            var channel = new FeedChannel(layout.TitleFor(name), string.Format(System.Globalization.CultureInfo.InvariantCulture, PageTexts.For(layout.Site.DefaultLanguage).ArticlesOf, name),
                urls.Author(authorSlug), urls.AuthorFeed(authorSlug));
            return
            [
                new SiteFileContent(Encoding.UTF8.GetBytes(pages.RenderAuthor(name, authorSlug, profile, articles, PageLinks.For(SiteUrls.AuthorPath(authorSlug), page, after: null))), "text/html; charset=utf-8"),
                new SiteFileContent(feeds.Rss(channel, [.. articles.Take(FeedFiles.Size)]), FeedWriter.RssContentType),
            ];
        }, cancellationToken);

    /// <summary>The author's name as their newest article writes it.</summary>
    private static string NameOf(ListingEntity article, string authorSlug) =>
        article.Authors.FirstOrDefault(candidate => Slugs.From(candidate) == authorSlug) ?? authorSlug;
}
