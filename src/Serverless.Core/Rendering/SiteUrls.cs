using Serverless.Core.Configuration;

namespace Serverless.Core.Rendering;

/// <summary>Absolute URLs of the site, built from the configured public base URL: social networks never fetch relative ones.</summary>
public sealed class SiteUrls(SiteOptions site)
{
    public string Home { get; } = site.BaseUrl + "/";

    public string Article(string slug) => $"{site.BaseUrl}/articles/{slug}";

    /// <summary>The generated share card; <paramref name="version"/> (a hash of what it is drawn from) makes the URL immutable.</summary>
    public string ShareCard(string slug, string version) => $"{site.BaseUrl}/og/{slug}.png?v={version}";

    public string Oembed(string articleUrl) => $"{site.BaseUrl}/oembed?url={Uri.EscapeDataString(articleUrl)}&format=json";

    /// <summary>A published image, by its blob in the media container (<c>{hash}/{name}</c>): immutable, like its content.</summary>
    public string Media(string mediaBlob) => $"{site.BaseUrl}/media/{mediaBlob}";

    public string RssFeed { get; } = $"{site.BaseUrl}/feed.xml";

    public string AtomFeed { get; } = $"{site.BaseUrl}/atom.xml";

    public string Sitemap { get; } = $"{site.BaseUrl}/sitemap.xml";

    /// <summary>The Google News sitemap: the articles of the last two days.</summary>
    public string NewsSitemap { get; } = $"{site.BaseUrl}/news-sitemap.xml";

    /// <summary>One shard of the sitemap, listed by the sitemap index: the articles published in one month (yyyy-MM).</summary>
    public string SitemapShard(string month) => $"{site.BaseUrl}/sitemaps/{month}.xml";

    /// <summary>A tag's page; the tag is its slug form (lower case, ASCII, hyphens).</summary>
    public string Tag(string tagSlug) => $"{site.BaseUrl}/tags/{tagSlug}";

    public string TagFeed(string tagSlug) => $"{site.BaseUrl}/tags/{tagSlug}/feed.xml";

    /// <summary>An author's page: the author's name in its slug form.</summary>
    public string Author(string authorSlug) => site.BaseUrl + AuthorPath(authorSlug);

    public string AuthorFeed(string authorSlug) => $"{site.BaseUrl}/authors/{authorSlug}/feed.xml";

    /// <summary>The site-relative path of an author's page; later pages add <c>?after=</c>.</summary>
    public static string AuthorPath(string authorSlug) => "/authors/" + authorSlug;

    /// <summary>The site-relative path of a month's archive (yyyy, MM).</summary>
    public static string ArchivePath(int year, int month) => $"/archives/{year:D4}/{month:D2}";

    /// <summary>Makes a link or image URL absolute; already absolute URLs are returned unchanged.</summary>
    public string Absolute(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return absolute.AbsoluteUri;
        }
        return new Uri(new Uri(Home), url).AbsoluteUri;
    }
}
