using Ganss.Xss;

namespace Serverless.Core.ActivityPub;

/// <summary>
/// A reply's HTML as a page may show it: paragraphs, line breaks and links to http(s) addresses only (the links
/// marked <c>nofollow ugc</c>), every other element dropped with its text kept, and no attribute but <c>href</c>.
/// Done once, when the reply comes (HtmlSanitizer, the allow-list below); the page writes what is stored.
/// </summary>
public static class ReplyContent
{
    /// <summary>Stored HTML beyond this is cut to its text (the rest read at the reply's address): Mastodon's notes are 500 characters.</summary>
    public const int MaxLength = 4000;

    private static readonly HtmlSanitizer Sanitizer = Create();

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer(new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(["p", "br", "a"], StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
            AllowedCssProperties = new HashSet<string>(),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        })
        {
            // An element not allowed (a span, a mention's wrapper) keeps its text; script, style and the like go whole (RemovingTag).
            KeepChildNodes = true,
        };
        sanitizer.RemovingTag += (_, removing) =>
        {
            if (removing.Tag.LocalName is "script" or "style" or "template" or "noscript" or "iframe" or "object" or "svg" or "math")
            {
                removing.Tag.Remove();
                removing.Cancel = true;
            }
        };
        sanitizer.PostProcessNode += (_, node) =>
        {
            if (node.Node is AngleSharp.Dom.IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "nofollow ugc noopener");
            }
        };
        return sanitizer;
    }

    /// <summary>The reply's HTML cut down to the allow-list; its text alone, HTML-encoded and shortened, when that is over <see cref="MaxLength"/>.</summary>
    public static string Sanitize(string? html)
    {
        var clean = Sanitizer.Sanitize(html ?? string.Empty).Trim();
        if (clean.Length <= MaxLength)
        {
            return clean;
        }
        var text = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(clean).Body?.TextContent ?? string.Empty;
        return System.Net.WebUtility.HtmlEncode(text.Length > MaxLength / 2 ? text[..(MaxLength / 2)] + "…" : text);
    }
}
