using System.Security.Cryptography;
using System.Text;
using Serverless.Core.Configuration;

namespace Serverless.Core.Rendering;

/// <summary>
/// The frame shared by every HTML page: document head, site header and footer, one inline style sheet. Pages load
/// nothing else and run no script, which the Content-Security-Policy states.
/// </summary>
public sealed class SiteLayout(SiteOptions site)
{
    /// <summary>The site's accent: links and marks on the pages, theme-color for browsers and Discord's embed bar.</summary>
    public const string AccentColor = "#b3261e";

    private const string StyleSheet = $$"""
        :root{color-scheme:light dark;--accent:{{AccentColor}};font-family:Georgia,"Times New Roman",serif;line-height:1.6}
        body{margin:0 auto;max-width:42rem;padding:0 1rem}
        header.site{border-bottom:1px solid #8884;padding:1rem 0}
        header.site a{color:inherit;font:700 1.25rem system-ui,sans-serif;text-decoration:none}
        h1{font-size:2rem;line-height:1.2;margin:1.5rem 0 .5rem}
        h2{font-size:1.35rem;margin-top:2rem}
        .byline{color:#666;font:.9rem system-ui,sans-serif}
        a{color:var(--accent)}
        img{height:auto;max-width:100%}
        figure{margin:1.5rem 0}
        figcaption{color:#666;font:.9rem system-ui,sans-serif;margin-top:.25rem}
        aside.related{border-top:1px solid #8884;margin-top:2rem}
        ol.articles{list-style:none;padding:0}
        ol.articles li{margin:1.5rem 0}
        ol.articles p{margin:.25rem 0}
        footer{border-top:1px solid #8884;color:#666;font:.85rem system-ui,sans-serif;margin:3rem 0 1rem;padding-top:1rem}
        """;

    /// <summary>Sent with every HTML page: only the inline style sheet above may apply; no script, frame or form.</summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(StyleSheet)))}'; img-src 'self' https: data:; base-uri 'none'; form-action 'none'";

    public SiteOptions Site => site;

    /// <summary>Writes everything up to and including the opening of &lt;main&gt;.</summary>
    public void WriteStart(StringBuilder html, string language, string title, string headTags)
    {
        WriteHeadStart(html, language, title);
        html.Append(headTags);
        WriteHeadEnd(html);
    }

    /// <summary>
    /// The parts of <see cref="WriteStart"/> before and after the page's own head tags, for a page that writes its
    /// tags in place rather than into a string first.
    /// </summary>
    public static void WriteHeadStart(StringBuilder html, string language, string title) =>
        html.Append("<!DOCTYPE html>\n<html lang=\"").AppendHtml(language).Append("\">\n<head>\n")
            .Append("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").AppendHtml(title).Append("</title>\n");

    /// <inheritdoc cref="WriteHeadStart"/>
    public void WriteHeadEnd(StringBuilder html) =>
        html.Append("<style>").Append(StyleSheet).Append("</style>\n</head>\n<body>\n")
            .Append("<header class=\"site\"><a href=\"/\">").AppendHtml(site.Name).Append("</a></header>\n<main>\n");

    public void WriteEnd(StringBuilder html) =>
        html.Append("</main>\n<footer><p>").AppendHtml(site.Name).Append("</p></footer>\n</body>\n</html>\n");

    public string TitleFor(string pageTitle) => $"{pageTitle} · {site.Name}";
}
