using System.Net;
using System.Text.RegularExpressions;

namespace Serverless.Core.Sharing;

/// <summary>
/// The head of a page as a link-preview crawler reads it: <c>&lt;html lang&gt;</c>, <c>&lt;title&gt;</c> and every
/// <c>&lt;meta name|property content&gt;</c>, entities decoded once. Read from the page itself, so the preview shows
/// what the tags say, not what the code meant them to say.
/// </summary>
public sealed partial class PageTags
{
    private readonly Dictionary<string, List<string>> _meta = new(StringComparer.OrdinalIgnoreCase);

    public string? Language { get; private init; }

    public string? Title { get; private init; }

    public static PageTags Parse(string html)
    {
        var end = html.IndexOf("</head>", StringComparison.OrdinalIgnoreCase);
        var head = end < 0 ? html : html[..end];
        var tags = new PageTags
        {
            Language = HtmlLang().Match(head) is { Success: true } lang ? WebUtility.HtmlDecode(lang.Groups[1].Value) : null,
            Title = TitleElement().Match(head) is { Success: true } title ? WebUtility.HtmlDecode(title.Groups[1].Value) : null,
        };
        foreach (Match meta in MetaElement().Matches(head))
        {
            var attributes = Attribute().Matches(meta.Value).ToDictionary(
                attribute => attribute.Groups[1].Value, attribute => WebUtility.HtmlDecode(attribute.Groups[2].Value), StringComparer.OrdinalIgnoreCase);
            if ((attributes.GetValueOrDefault("property") ?? attributes.GetValueOrDefault("name")) is { } key && attributes.TryGetValue("content", out var content))
            {
                tags.Add(key, content);
            }
        }
        return tags;
    }

    /// <summary>Tags built by hand, for tests of rules no rendered page breaks.</summary>
    public static PageTags Of(string? language, string? title, params (string Key, string Content)[] meta)
    {
        var tags = new PageTags { Language = language, Title = title };
        foreach (var (key, content) in meta)
        {
            tags.Add(key, content);
        }
        return tags;
    }

    private void Add(string key, string content)
    {
        if (!_meta.TryGetValue(key, out var values))
        {
            _meta[key] = values = [];
        }
        values.Add(content);
    }

    /// <summary>The first value of a meta tag, null when absent.</summary>
    public string? this[string key] => _meta.TryGetValue(key, out var values) ? values[0] : null;

    /// <summary>A <c>twitter:*</c> tag, falling back to its <c>og:*</c> twin as X, Slack and Discord do.</summary>
    public string? TwitterOrOpenGraph(string name) => this["twitter:" + name] ?? this["og:" + name];

    public int? Number(string key) => int.TryParse(this[key], out var value) ? value : null;

    [GeneratedRegex("<html[^>]*\\slang=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlLang();

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex TitleElement();

    [GeneratedRegex("<meta\\s[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex MetaElement();

    [GeneratedRegex("([a-zA-Z:-]+)=\"([^\"]*)\"")]
    private static partial Regex Attribute();
}
