namespace Serverless.Core.Configuration;

/// <summary>The public face of the site, bound from the <c>Site</c> configuration section.</summary>
public sealed class SiteOptions
{
    public const string SectionName = "Site";

    /// <summary>The absolute URL readers use, e.g. https://news.example.com; every URL in meta tags is built from it.</summary>
    public string PublicBaseUrl { get; set; } = string.Empty;

    /// <summary>The site's name, shown in pages and as og:site_name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Language of articles that neither declare nor reveal one (detection covers fr, en, es, de).</summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>The site's X (Twitter) handle, with or without @; optional.</summary>
    public string? XHandle { get; set; }

    /// <summary>
    /// The publisher's logo in structured data (absolute, or relative to the public base URL); by default the logo the
    /// site serves at /logo.png. Articles without an image share a card generated for them.
    /// </summary>
    public string? LogoUrl { get; set; }

    /// <summary>The accent of links, focus rings and marks in the light theme (#rgb or #rrggbb); keep it readable on white.</summary>
    public string AccentColor { get; set; } = DefaultAccentColor;

    /// <summary>The accent in the dark theme (<c>prefers-color-scheme: dark</c>); keep it readable on near-black.</summary>
    public string AccentColorDark { get; set; } = DefaultAccentColorDark;

    public const string DefaultAccentColor = "#b3261e", DefaultAccentColorDark = "#ff8a80";

    /// <summary>The logo the header shows instead of the name (absolute, or a path of the site), 2.5rem high; optional.</summary>
    public string? HeaderLogoUrl { get; set; }

    /// <summary>The header's navigation after the home link, in order: the sections or tags readers use most.</summary>
    public List<SiteLink> Navigation { get; set; } = [];

    /// <summary>The footer's legal links (legal notice, privacy, terms), after the feeds and the sitemap.</summary>
    public List<SiteLink> LegalLinks { get; set; } = [];

    /// <summary>Links the chrome shows at most, header and footer each: a header that wraps onto many lines is no navigation.</summary>
    public const int MaxChromeLinks = 12;

    /// <summary>How long browsers and CDNs may reuse a page or API answer without asking again.</summary>
    public int CacheSeconds { get; set; } = 60;

    /// <summary>How long an instance keeps a page in memory: a republish is visible everywhere after at most this. 0 disables it.</summary>
    public int ServerCacheSeconds { get; set; } = 1;

    /// <summary>Uploaded images larger than this are refused (10 MiB by default); the whole file is held in memory while it is checked.</summary>
    public int MaxImageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The highest <see cref="MaxImageBytes"/> accepted at start-up.</summary>
    public const int MaxImageBytesLimit = 100 * 1024 * 1024;

    /// <summary>
    /// Uploaded articles larger than this are refused without being read (2 MiB by default, far above any news article);
    /// the whole text is held in memory while it is parsed.
    /// </summary>
    public int MaxArticleBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>The highest <see cref="MaxArticleBytes"/> accepted at start-up.</summary>
    public const int MaxArticleBytesLimit = 16 * 1024 * 1024;

    /// <summary><see cref="PublicBaseUrl"/> without its trailing slash.</summary>
    public string BaseUrl => PublicBaseUrl.TrimEnd('/');

    /// <summary>The handle with its @, or null.</summary>
    public string? XHandleWithAt => string.IsNullOrWhiteSpace(XHandle) ? null : "@" + XHandle.Trim().TrimStart('@');
}
