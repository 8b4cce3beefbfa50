using System.Globalization;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Publishing.Outputs;

/// <summary>
/// The sitemap: <c>sitemap.xml</c> is a sitemap index of monthly shards, <c>sitemaps/{yyyy-MM}.xml</c>, each listing the
/// articles published that month with their last modification. An article's change rebuilds the shard of its month
/// (and of its former month when its date moved) from one range query of the listing, then the index from one listing
/// of the shards: what a publish costs depends on the month's articles, never on the whole corpus. Runs after
/// <see cref="ListingOutput"/>, whose rows it reads.
/// </summary>
public sealed class SitemapOutput(ArticleRepository repository, SiteFiles files, SiteUrls urls, PipelineVersion version) : IArticleOutput
{
    public const string IndexFile = "sitemap.xml";
    public const string ShardFolder = "sitemaps/";

    /// <summary>Blob metadata of a shard: its newest lastmod, which the index gives as the shard's.</summary>
    private const string LastModifiedKey = "lastmod";

    private const string Name = "sitemap";

    public static string ShardFile(string month) => $"{ShardFolder}{month}.xml";

    public static bool IsShardName(string? month) =>
        month is { Length: 7 } && DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    public async Task ApplyAsync(ArticleEntity article, PendingWork pending, CancellationToken cancellationToken)
    {
        // The sitemap shows the article's address (slug) in its month's shard, with its last modification.
        var state = article is { IsServed: true, ListingRowKey: { } row } ? $"{version.Render}|{row}|{article.Modified:O}" : null;
        var previous = article.OutputState(Name);
        if (state == previous && pending.StaleListingRows.Count == 0)
        {
            return;
        }
        var rows = pending.StaleListingRows.Append(article.IsServed ? article.ListingRowKey : null).Append(previous?.Split('|')[1]).OfType<string>();
        foreach (var month in rows.Select(row => Month(TableKeys.PublishedOfListingRow(row))).Distinct(StringComparer.Ordinal))
        {
            await PublishShardAsync(month, cancellationToken);
        }
        // Always, even when no shard changed: a crash between a shard's write and the index's leaves it to this run.
        await PublishIndexAsync(cancellationToken);
        article.SetOutputState(Name, state);
    }

    private Task PublishShardAsync(string month, CancellationToken cancellationToken) =>
        files.PublishAsync([ShardFile(month)], async token =>
        {
            var start = DateTimeOffset.ParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var articles = await repository.ListPublishedBetweenAsync(start, start.AddMonths(1), SitemapWriter.MaxEntries, token);
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

    private Task PublishIndexAsync(CancellationToken cancellationToken) =>
        files.PublishAsync([IndexFile], async token =>
        {
            var shards = await files.ListAsync(ShardFolder, token);
            if (shards.Count == 0)
            {
                return [null]; // an index must name at least one sitemap: with no article, there is none
            }
            var entries = shards.OrderByDescending(shard => shard.Name, StringComparer.Ordinal).Select(shard => new SitemapEntry(
                urls.SitemapShard(Path.GetFileNameWithoutExtension(shard.Name)),
                shard.Metadata.TryGetValue(LastModifiedKey, out var lastModified) ? DateTimeOffset.Parse(lastModified, CultureInfo.InvariantCulture) : null));
            return [new SiteFileContent(SitemapWriter.Index(entries), SitemapWriter.ContentType)];
        }, cancellationToken);

    private static string Month(DateTimeOffset published) => published.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
