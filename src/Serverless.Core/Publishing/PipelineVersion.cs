using System.Security.Cryptography;
using System.Text;
using Serverless.Core.Configuration;
using Serverless.Core.Rendering;

namespace Serverless.Core.Publishing;

/// <summary>
/// What stored records and pages were made with. A stored record whose ingest version differs is parsed again; a page
/// whose render version differs is rendered again. Each version is an explicit constant, bumped with any change to
/// what the parser or the templates output (a test pins the output of a fixture corpus to them, so forgetting fails
/// the build), plus a hash of exactly the settings that change that output, and of nothing else: changing
/// <see cref="SiteOptions.CacheSeconds"/> renders nothing again.
/// </summary>
public sealed class PipelineVersion(SiteOptions site, Microsoft.Extensions.Options.IOptions<ActivityPub.ActivityPubOptions>? activityPub = null)
{
    /// <summary>
    /// Bump when the parser's output changes: metadata, body fragment, links, terms or warnings, or the index rows made
    /// from it. 8: citation rows are keyed newest first (every article is ingested again, which rewrites its rows).
    /// 9: front matter author_fediverse. 10: an uploaded image with a caption (its title, or the italic line after it) is a figure.
    /// 11: front matter authors (several bylines), and when an article was updated after publication. 12: the row an
    /// article's previous and next find it by (TableKeys.NeighbourPartition), written at ingest.
    /// </summary>
    public const string Parser = "12";

    /// <summary>
    /// Bump when the page template's output changes. 5: twitter:label1/data1, label2/data2, theme-color, fediverse:creator.
    /// 6: uploaded images as &lt;picture&gt; with srcset and sizes, lazy after the first; figures and their captions styled.
    /// 7: the site's chrome (navigation, search box, footer links, skip link, dark and print styles); bylines linked to
    /// author pages, the updated notice, tags, the lead image and share links. 8: previous and next articles in the first
    /// tag; fediverse:creator from the author's profile file; the ActivityStreams alternate link only while ActivityPub is
    /// on; replies from the fediverse (ActivityPub:ShowReplies).
    /// </summary>
    public const string Template = "8";

    /// <summary>
    /// Bump when what the site-wide outputs write changes (feeds, sitemap, tag pages and their listing): every article is
    /// rendered again, which rebuilds them, as it also lists the articles published before an output existed.
    /// 2: tag pages link their older pages; feeds, sitemap and tag pages are rebuilt by the site-file stage.
    /// 3: the listing spread over monthly partitions: each article's render moves its row out of the legacy one.
    /// </summary>
    public const string Outputs = "3";

    /// <summary>
    /// The parser's version and the settings it reads: the default language, the base URL that tells internal links, and
    /// the size limit (a raised limit publishes the files it refused).
    /// </summary>
    public string Ingest { get; } = "p" + Parser + "-" + HashOf(site.DefaultLanguage, site.BaseUrl, site.MaxArticleBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// The template's version, the share card's (a page names its card's version, and rendering a page draws its card),
    /// the other outputs' version, and the settings pages show: base URL, site name, X handle, logos, accent colours and
    /// the chrome's links, and whether ActivityPub is on (the ActivityStreams link) and shows replies, how many. Changing
    /// any of them renders every page again.
    /// </summary>
    public string Render { get; } = "t" + Template + "-c" + ShareCardRenderer.Template + "-o" + Outputs + "-" + HashOf(site.BaseUrl, site.Name, site.XHandleWithAt, site.LogoUrl,
        site.HeaderLogoUrl, site.AccentColor, site.AccentColorDark, ChromeLinks(site.Navigation), ChromeLinks(site.LegalLinks), ActivityPubPages(activityPub?.Value));

    /// <summary>What of the ActivityPub settings shows on pages: empty while it is off, so that turning it on renders every page again.</summary>
    private static string ActivityPubPages(ActivityPub.ActivityPubOptions? options) => options is { Enabled: true }
        ? "ap" + (options.ShowReplies ? " replies " + options.RepliesShown.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty)
        : string.Empty;

    private static string ChromeLinks(IEnumerable<SiteLink> links) => string.Join('\t', links.Select(link => link.Label + " " + link.Url));

    private static string HashOf(params string?[] settings) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', settings.Select(setting => setting ?? string.Empty)))))[..12];
}
