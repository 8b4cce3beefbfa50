using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Site;

/// <summary>
/// The Google News sitemap, <c>news-sitemap.xml</c>: the articles published in the last two days, newest first, at most
/// 1,000 (Google's limit: a busier site's oldest entries of the two days are left to the monthly shards), from one range
/// query of the listing. Without such an article there is no file, and the sitemap index stops naming it.
/// </summary>
public sealed class NewsSitemapFiles(ArticlesByDate listing, SiteFiles files, SiteUrls urls, SiteLayout layout, TimeProvider time)
{
    public const string File = "news-sitemap.xml";

    /// <summary>How long an article stays in the news sitemap: Google News reads articles of the last two days.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);

    public Task RebuildAsync(CancellationToken cancellationToken) =>
        files.PublishAsync([File], async token =>
        {
            var now = time.GetUtcNow();
            // Up to a day ahead: an article dated a little in the future by a clock or time zone slip is news too.
            var articles = await listing.ListPublishedBetweenAsync(now - Window, now.AddDays(1), NewsSitemapWriter.MaxEntries, token);
            return articles.Count == 0
                ? [null]
                : [new SiteFileContent(NewsSitemapWriter.UrlSet(layout.Site.Name, articles, urls.Article, layout.Site.DefaultLanguage), SitemapWriter.ContentType,
                    new Dictionary<string, string> { [SitemapFiles.LastModifiedKey] = SitemapWriter.W3CDateTime(articles.Max(article => article.Modified)) })];
        }, cancellationToken);
}
