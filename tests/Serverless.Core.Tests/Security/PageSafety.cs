using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Serverless.Core.Tests.Security;

/// <summary>
/// Reads a rendered page with a real HTML5 parser, as a browser builds its DOM, and lists whatever in it could run a
/// script: a script element other than the JSON-LD data block, an event-handler attribute, an element that loads or
/// frames other content, or a URL whose scheme is not http, https or mailto (resolved as a browser resolves it).
/// </summary>
public static class PageSafety
{
    private const string BaseUrl = "https://news.example.com/";

    // Strict mode throws on any HTML5 parse error, so "parses as HTML" means the tokenizer never had to recover.
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsStrictMode = true });

    private static readonly HashSet<string> UrlAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "action", "formaction", "poster", "background", "cite", "data", "lowsrc", "ping", "xlink:href",
    };

    private static readonly HashSet<string> FramingElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "svg", "math", "template",
    };

    /// <summary>
    /// The forms the site has: the search box in the site's header, and the search page's own form at the top of its
    /// main; both submit a query by GET to this site's /search, nowhere else. A form anywhere else, or going elsewhere,
    /// is a violation.
    /// </summary>
    private static bool IsSiteSearchForm(AngleSharp.Dom.IElement element) =>
        element.LocalName == "form" && element.GetAttribute("action") == "/search" && element.GetAttribute("method") == "get"
        && element.ParentElement is { } parent && parent.ParentElement?.LocalName == "body"
        && ((parent.LocalName == "header" && parent.ClassList.Contains("site")) || (parent.LocalName == "main" && parent.Id == "main"));

    /// <exception cref="AngleSharp.Html.Parser.HtmlParseException">The page is not well-formed HTML5.</exception>
    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>Everything in the page that could run a script; empty for a safe page.</summary>
    public static IReadOnlyList<string> Violations(string html) => Violations(Parse(html));

    public static IReadOnlyList<string> Violations(IHtmlDocument document)
    {
        var found = new List<string>();
        foreach (var element in document.All)
        {
            if (element.LocalName == "script")
            {
                if (element.GetAttribute("type") != "application/ld+json" || element.HasAttribute("src"))
                {
                    found.Add($"executable script: {Shorten(element.OuterHtml)}");
                }
                else if (!IsJson(element.TextContent))
                {
                    found.Add($"JSON-LD that is not JSON (something broke out of it): {Shorten(element.TextContent)}");
                }
            }
            if (FramingElements.Contains(element.LocalName) && !IsSiteSearchForm(element))
            {
                found.Add($"<{element.LocalName}> element: {Shorten(element.OuterHtml)}");
            }
            if (element.LocalName == "meta" && element.HasAttribute("http-equiv"))
            {
                found.Add($"meta http-equiv: {Shorten(element.OuterHtml)}");
            }
            foreach (var attribute in element.Attributes)
            {
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
                {
                    found.Add($"event handler {attribute.Name} on <{element.LocalName}>");
                }
                else if (UrlAttributes.Contains(attribute.Name) && SchemeOf(attribute.Value) is { } scheme && scheme is not ("http" or "https" or "mailto"))
                {
                    found.Add($"{scheme}: URL in {attribute.Name} of <{element.LocalName}>: {Shorten(attribute.Value)}");
                }
            }
        }
        return found;
    }

    /// <summary>The scheme a browser gives the URL (the WHATWG URL parser strips controls, tabs and newlines); null if it cannot be parsed.</summary>
    public static string? SchemeOf(string url)
    {
        var parsed = new Url(new Url(BaseUrl), url);
        return parsed.IsInvalid ? null : parsed.Scheme;
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
