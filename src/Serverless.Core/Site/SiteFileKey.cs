using System.Globalization;
using Serverless.Core.Parsing;

namespace Serverless.Core.Site;

/// <summary>What one site-file rebuild brings up to date, and the message key that names it.</summary>
public enum SiteFileKind
{
    /// <summary><c>feed.xml</c> and <c>atom.xml</c>.</summary>
    Feeds,

    /// <summary><c>sitemaps/{yyyy-MM}.xml</c>: the articles published in one month.</summary>
    SitemapShard,

    /// <summary><c>sitemap.xml</c>: the index of the monthly shards.</summary>
    SitemapIndex,

    /// <summary><c>tags/{tag}/index.html</c> and <c>tags/{tag}/feed.xml</c>.</summary>
    Tag,

    /// <summary><c>authors/{author}/index.html</c> and <c>authors/{author}/feed.xml</c>.</summary>
    Author,

    /// <summary>
    /// Not a file: the document frequencies, into which the articles' pending counts are merged, once per window
    /// however many publishes asked (<see cref="Storage.DocumentFrequencyMerger"/>).
    /// </summary>
    DocumentFrequencies,

    /// <summary><c>news-sitemap.xml</c>: the articles of the last two days, for Google News.</summary>
    NewsSitemap,

    /// <summary>Not a file: the article URLs recorded for IndexNow, submitted together (<see cref="Discovery.IndexNowSubmissions"/>).</summary>
    IndexNow,

    /// <summary>Not a file: the stored search index, into which the recorded changes are merged (<see cref="Search.SearchIndexMerger"/>).</summary>
    SearchIndex,
}

/// <summary>
/// A unit of site-wide files rebuilt together, keyed as the site-file queue and its state table name it:
/// <c>feeds</c>, <c>sitemap-index</c>, <c>sitemap:{yyyy-MM}</c>, <c>tag:{tag slug}</c>, <c>author:{author slug}</c>, <c>document-frequencies</c>, <c>search-index</c>, <c>news-sitemap</c> and <c>indexnow</c>.
/// Every key is a valid table key.
/// </summary>
public sealed record SiteFileKey(SiteFileKind Kind, string? Argument = null)
{
    public static SiteFileKey Feeds { get; } = new(SiteFileKind.Feeds);

    public static SiteFileKey SitemapIndex { get; } = new(SiteFileKind.SitemapIndex);

    public static SiteFileKey DocumentFrequencies { get; } = new(SiteFileKind.DocumentFrequencies);

    public static SiteFileKey SearchIndex { get; } = new(SiteFileKind.SearchIndex);

    public static SiteFileKey NewsSitemap { get; } = new(SiteFileKind.NewsSitemap);

    public static SiteFileKey IndexNow { get; } = new(SiteFileKind.IndexNow);

    public static SiteFileKey SitemapShard(string month) => IsMonth(month) ? new(SiteFileKind.SitemapShard, month) : throw new ArgumentException($"'{month}' is not a yyyy-MM month.", nameof(month));

    public static SiteFileKey Author(string authorSlug) => Slugs.IsValid(authorSlug) ? new(SiteFileKind.Author, authorSlug) : throw new ArgumentException($"'{authorSlug}' is not an author slug.", nameof(authorSlug));

    public static SiteFileKey Tag(string tagSlug) => Slugs.IsValid(tagSlug) ? new(SiteFileKind.Tag, tagSlug) : throw new ArgumentException($"'{tagSlug}' is not a tag slug.", nameof(tagSlug));

    /// <summary>The key's text: the message's and the state row's.</summary>
    public override string ToString() => Kind switch
    {
        SiteFileKind.Feeds => "feeds",
        SiteFileKind.SitemapIndex => "sitemap-index",
        SiteFileKind.SitemapShard => "sitemap:" + Argument,
        SiteFileKind.DocumentFrequencies => "document-frequencies",
        SiteFileKind.SearchIndex => "search-index",
        SiteFileKind.Author => "author:" + Argument,
        SiteFileKind.NewsSitemap => "news-sitemap",
        SiteFileKind.IndexNow => "indexnow",
        _ => "tag:" + Argument,
    };

    /// <summary>The key <paramref name="text"/> names; null when it names none.</summary>
    public static SiteFileKey? Parse(string? text) => text switch
    {
        "feeds" => Feeds,
        "sitemap-index" => SitemapIndex,
        "document-frequencies" => DocumentFrequencies,
        "search-index" => SearchIndex,
        "news-sitemap" => NewsSitemap,
        "indexnow" => IndexNow,
        ['s', 'i', 't', 'e', 'm', 'a', 'p', ':', .. var month] when IsMonth(month) => new(SiteFileKind.SitemapShard, month),
        ['t', 'a', 'g', ':', .. var tag] when Slugs.IsValid(tag) => new(SiteFileKind.Tag, tag),
        ['a', 'u', 't', 'h', 'o', 'r', ':', .. var author] when Slugs.IsValid(author) => new(SiteFileKind.Author, author),
        _ => null,
    };

    private static bool IsMonth(string? month) =>
        month is { Length: 7 } && DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
