using System.Security.Cryptography;
using System.Text;
using Serverless.Core.Configuration;

namespace Serverless.Core.Rendering;

/// <summary>
/// The frame shared by every reader page: document head, the site's header (name or logo, navigation, search box) and
/// footer (feeds, sitemap, legal links), one inline style sheet with a dark theme and a print style. Pages load
/// nothing else but the operator's theme sheet when there is one, and run no script, which the Content-Security-Policy states.
/// </summary>
public sealed class SiteLayout(SiteOptions site)
{
    private SiteTheme _theme = new(site);

    /// <summary>The site's default accent: links and marks on the pages, theme-color for browsers and Discord's embed bar.</summary>
    public const string AccentColor = SiteOptions.DefaultAccentColor;

    /// <summary>
    /// System font stacks only (no font download); colours as custom properties, so that the dark theme and an
    /// operator's theme sheet change them in one place. Text hyphenates in the page's language.
    /// </summary>
    private const string StyleSheet = $$$"""
        :root{color-scheme:light dark;--accent:{{{AccentColor}}};--fg:#1a1a1a;--muted:#595959;--bg:#fff;--rule:#d0d0d0;font-family:Georgia,"Times New Roman",serif;line-height:1.6}
        @media (prefers-color-scheme:dark){:root{--accent:{{{SiteOptions.DefaultAccentColorDark}}};--fg:#e6e6e6;--muted:#b0b0b0;--bg:#121212;--rule:#3a3a3a}}
        body{background:var(--bg);color:var(--fg);margin:0 auto;max-width:42rem;padding:0 1rem;overflow-wrap:break-word}
        main,.articles p{hyphens:auto}
        a{color:var(--accent)}
        :focus-visible{outline:3px solid var(--accent);outline-offset:2px}
        .skip{left:1rem;position:absolute;top:-3rem}
        .skip:focus{top:.5rem}
        .sr{clip-path:inset(50%);height:1px;overflow:hidden;position:absolute;white-space:nowrap;width:1px}
        header.site{align-items:center;border-bottom:1px solid var(--rule);display:flex;flex-wrap:wrap;gap:.5rem 1rem;padding:1rem 0}
        header.site>a{color:inherit;font:700 1.25rem system-ui,sans-serif;text-decoration:none}
        header.site img{display:block;height:2.5rem;width:auto}
        nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
        nav a{display:inline-block;padding:.5rem 0}
        header nav,footer nav{font:.95rem system-ui,sans-serif}
        form.search{display:flex;gap:.25rem;margin-left:auto}
        form.search input{font:inherit;min-height:2.75rem;min-width:0;padding:0 .5rem;width:10rem}
        form.search button{font:inherit;min-height:2.75rem;padding:0 .75rem}
        h1{font-size:2rem;line-height:1.2;margin:1.5rem 0 .5rem}
        h2{font-size:1.35rem;margin-top:2rem}
        .byline,figcaption,.tags,.share{color:var(--muted);font:.9rem system-ui,sans-serif}
        .byline a,.tags a{display:inline-block;padding:.25rem 0}
        .tags ul,.share ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:.5rem 0;padding:0}
        .share a{display:inline-block;padding:.5rem 0}
        img{height:auto;max-width:100%}
        figure,.lead{margin:1.5rem 0}
        pre{overflow-x:auto}
        aside.related,aside.cited-in,.share{border-top:1px solid var(--rule);margin-top:2rem}
        ol.articles{list-style:none;padding:0}
        ol.articles li{margin:1.5rem 0}
        ol.articles p{margin:.25rem 0}
        ol.articles li{overflow:hidden}
        .articles .lead h2{font-size:1.75rem}
        .articles img{aspect-ratio:1.91;object-fit:cover}
        .articles img.wide{display:block;margin:.5rem 0;width:100%}
        .articles img.thumb{float:right;margin:0 0 .5rem 1rem;width:7rem}
        .pages{display:flex;gap:1rem;justify-content:space-between}
        .adjacent{border-top:1px solid var(--rule);font:.95rem system-ui,sans-serif;margin-top:2rem}
        .adjacent ul{justify-content:space-between}
        .adjacent span{color:var(--muted);display:block;font-size:.85rem}
        .adjacent .next{margin-left:auto;text-align:end}
        .profile img{border-radius:50%;float:right;margin:0 0 1rem 1rem}
        footer.site{border-top:1px solid var(--rule);clear:both;color:var(--muted);font:.85rem system-ui,sans-serif;margin:3rem 0 1rem;padding-top:1rem}
        @media print{header.site nav,form.search,.skip,.share,.adjacent,footer.site nav,.pages{display:none}body{max-width:none}a{color:inherit}main a[href^="http"]::after{content:" (" attr(href) ")";font-size:.85em}h1,h2,h3,h4{break-after:avoid}figure,img,li{break-inside:avoid}}
        """;

    /// <summary>
    /// Sent with every reader page: only the inline style sheet above, and this site's theme sheet, may apply; images
    /// from this site and https; no script, frame, plugin or embedding elsewhere; <c>connect-src 'self'</c> lets a
    /// browser tool read robots.txt from the page (Lighthouse does), and forms (the search box) submit only here.
    /// </summary>
    public static string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(StyleSheet)))}' 'self'; img-src 'self' https:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public SiteOptions Site => site;

    /// <summary>The operator's theme sheet, served at <c>/theme.css</c>: the settings' until <see cref="Site.SiteThemeSheet"/> reads an upload.</summary>
    public SiteTheme Theme => Volatile.Read(ref _theme);

    /// <summary>Pages written from now on name <paramref name="theme"/>.</summary>
    public void Use(SiteTheme theme) => Volatile.Write(ref _theme, theme);

    /// <summary>Writes everything up to and including the opening of &lt;main&gt;.</summary>
    public void WriteStart(StringBuilder html, string language, string title, string headTags)
    {
        WriteHeadStart(html, language, title);
        html.Append(headTags);
        WriteHeadEnd(html, language);
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
    /// <param name="language">The page's language: the chrome speaks it.</param>
    public void WriteHeadEnd(StringBuilder html, string language)
    {
        var texts = PageTexts.For(language);
        html.Append("<style>").Append(StyleSheet).Append("</style>\n");
        if (Theme.Href is { } themeHref)
        {
            html.Append("<link rel=\"stylesheet\" href=\"").AppendHtml(themeHref).Append("\">\n");
        }
        html.Append("</head>\n<body>\n<a class=\"skip\" href=\"#main\">").AppendHtml(texts.SkipToContent).Append("</a>\n<header class=\"site\"><a href=\"/\">");
        if (site.HeaderLogoUrl is { Length: > 0 } logo)
        {
            html.Append("<img src=\"").AppendHtml(logo).Append("\" alt=\"").AppendHtml(site.Name).Append("\">");
        }
        else
        {
            html.AppendHtml(site.Name);
        }
        html.Append("</a>\n<nav aria-label=\"").AppendHtml(texts.MainNavigation).Append("\"><ul><li><a href=\"/\">").AppendHtml(texts.Home).Append("</a></li>");
        WriteLinks(html, site.Navigation);
        html.Append("</ul></nav>\n<form class=\"search\" role=\"search\" action=\"/search\" method=\"get\"><label class=\"sr\" for=\"site-search\">")
            .AppendHtml(texts.SearchLabel).Append("</label><input id=\"site-search\" name=\"q\" type=\"search\"><button type=\"submit\">")
            .AppendHtml(texts.Search).Append("</button></form>\n</header>\n<main id=\"main\">\n");
    }

    /// <param name="language">The page's language: the chrome speaks it.</param>
    public void WriteEnd(StringBuilder html, string language)
    {
        var texts = PageTexts.For(language);
        html.Append("</main>\n<footer class=\"site\"><nav aria-label=\"").AppendHtml(texts.SiteLinks).Append("\"><ul><li><a href=\"/feed.xml\">")
            .AppendHtml(texts.RssFeed).Append("</a></li><li><a href=\"/atom.xml\">Atom</a></li><li><a href=\"/sitemap.xml\">").AppendHtml(texts.Sitemap)
            .Append("</a></li><li><a href=\"/archives\">").AppendHtml(texts.Archives).Append("</a></li>");
        WriteLinks(html, site.LegalLinks);
        html.Append("</ul></nav>\n<p>").AppendHtml(site.Name).Append("</p></footer>\n</body>\n</html>\n");
    }

    private static void WriteLinks(StringBuilder html, IEnumerable<SiteLink> links)
    {
        foreach (var link in links)
        {
            html.Append("<li><a href=\"").AppendHtml(link.Url).Append("\">").AppendHtml(link.Label).Append("</a></li>");
        }
    }

    public string TitleFor(string pageTitle) => $"{pageTitle} · {site.Name}";
}
