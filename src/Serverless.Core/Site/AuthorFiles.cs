using System.Text;
using Microsoft.Extensions.Logging;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Site;

/// <summary>
/// An author's page and feed, <c>authors/{author}/index.html</c> and <c>authors/{author}/feed.xml</c>, from one query
/// of their listing and one read of their optional profile (<see cref="AuthorProfile"/>); both removed once they have
/// no article. A changed profile shows from the page's next rebuild: the author's next publish, or a republish.
/// </summary>
public sealed partial class AuthorFiles(ArticleRepository repository, SiteFiles files, IndexPageRenderer pages, FeedWriter feeds, SiteUrls urls, SiteLayout layout, ILogger<AuthorFiles> logger)
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
            var profile = await ReadProfileAsync(authorSlug, token);
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

    private async Task<AuthorProfile> ReadProfileAsync(string authorSlug, CancellationToken cancellationToken)
    {
        if (await files.ReadAsync(AuthorProfile.FileOf(authorSlug), cancellationToken) is not { } file)
        {
            return AuthorProfile.Empty;
        }
        var problems = new List<string>();
        var profile = AuthorProfile.Parse(Encoding.UTF8.GetString(file.Bytes), problems);
        foreach (var problem in problems)
        {
            LogProfileProblem(AuthorProfile.FileOf(authorSlug), problem);
        }
        return profile;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Author profile {File}: {Problem}; the page is shown without that field.")]
    private partial void LogProfileProblem(string file, string problem);
}
