using System.Globalization;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Site;

/// <summary>
/// The sitemap: <c>sitemap.xml</c> is a sitemap index of monthly shards, <c>sitemaps/{yyyy-MM}.xml</c>, each listing the
/// articles published that month with their last modification. A shard is rebuilt from one range query of its month's partition of the listing,
/// the index from one listing of the shards: what a rebuild costs depends on the month's articles, never on the corpus.
/// </summary>
public sealed class SitemapFiles(ArticlesByDate listing, SiteFiles files, SiteUrls urls)
{
    public const string IndexFile = "sitemap.xml";
    public const string ShardFolder = "sitemaps/";

    /// <summary>Blob metadata of a shard (and of the news sitemap): its newest lastmod, which the index gives as the file's.</summary>
    public const string LastModifiedKey = "lastmod";

    public static string ShardFile(string month) => $"{ShardFolder}{month}.xml";

    public static bool IsShardName(string? month) =>
        month is { Length: 7 } && DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>The month (<c>yyyy-MM</c>, UTC) whose shard lists an article published at <paramref name="published"/>.</summary>
    public static string MonthOf(DateTimeOffset published) => published.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public Task RebuildShardAsync(string month, CancellationToken cancellationToken) =>
        files.PublishAsync([ShardFile(month)], async token =>
        {
            var start = DateTimeOffset.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var articles = await listing.ListPublishedBetweenAsync(start, start.AddMonths(1), SitemapWriter.MaxEntries, token);
            if (articles.Count == 0)
            {
                return [null];
            }
            var lastModified = articles.Max(article => article.Modified);
            return
            [
                new SiteFileContent(SitemapWriter.UrlSet(articles.Select(article => new SitemapEntry(urls.Article(article.Slug), article.Modified))),
                    SitemapWriter.ContentType, new Dictionary<string, string> { [LastModifiedKey] = SitemapWriter.W3CDateTime(lastModified) }),
            ];
        }, cancellationToken);

    public Task RebuildIndexAsync(CancellationToken cancellationToken) =>
        files.PublishAsync([IndexFile], async token =>
        {
            var shards = await files.ListAsync(ShardFolder, token);
            // The news sitemap first, while it has articles: one more listing, of its one name.
            var news = await files.ListAsync(NewsSitemapFiles.File, token);
            if (shards.Count == 0 && news.Count == 0)
            {
                return [null]; // an index must name at least one sitemap: with no article, there is none
            }
            var entries = news.Where(file => file.Name == NewsSitemapFiles.File).Select(file => new SitemapEntry(urls.NewsSitemap, LastModified(file)))
                .Concat(shards.OrderByDescending(shard => shard.Name, StringComparer.Ordinal).Select(shard => new SitemapEntry(
                    urls.SitemapShard(Path.GetFileNameWithoutExtension(shard.Name)), LastModified(shard))));
            return [new SiteFileContent(SitemapWriter.Index(entries), SitemapWriter.ContentType)];
        }, cancellationToken);

    private static DateTimeOffset? LastModified(SiteFileEntry file) =>
        file.Metadata.TryGetValue(LastModifiedKey, out var lastModified) ? DateTimeOffset.Parse(lastModified, CultureInfo.InvariantCulture) : null;
}
