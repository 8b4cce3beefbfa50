using System.Text;
using CsCheck;

namespace Serverless.Core.Tests.Security;

/// <summary>
/// CsCheck generators of uploaded articles as authors and attackers write them: any Unicode (astral, controls,
/// separators, bidi marks), Markdown syntax in any order, raw HTML, links whose targets include every hostile spelling,
/// and front matter whose fields may hold any text, the wrong type or broken YAML.
/// Shared by the unit properties and the integration properties (linked into that project).
/// </summary>
public static class ArticleGenerators
{
    /// <summary>A YAML double-quoted scalar holding exactly <paramref name="text"/>.</summary>
    public static string YamlQuoted(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var rune in text.EnumerateRunes())
        {
            quoted.Append(rune.Value switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < 0x20 or 0x7F or 0x85 or 0x2028 or 0x2029 or 0xFEFF => $"\\u{rune.Value:X4}",
                _ => rune.ToString(),
            });
        }
        return quoted.Append('"').ToString();
    }

    private static readonly Gen<string> Astral = Gen.OneOf(
        Gen.Int[0x1F300, 0x1FAFF].Select(char.ConvertFromUtf32),
        Gen.Int[0x10000, 0x10FFFF].Where(code => (code & 0xFFFE) != 0xFFFE).Select(char.ConvertFromUtf32),
        Gen.OneOf<string>("👨‍👩‍👧‍👦", "🇫🇷", "👍🏽", "❤️"));

    /// <summary>One "character" as a reader or an attacker types it: mostly letters, sometimes anything.</summary>
    private static readonly Gen<string> Character = Gen.Frequency(
        (40, Gen.Char["abcdefghijklmnopqrstuvwxyz  ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"].Select(c => c.ToString())),
        (8, Gen.Char["éèêàçôœÉÀ«»’“”…–—ßñüøåĳ"].Select(c => c.ToString())),
        (10, Gen.Char["<>&\"'`/\\#?%:;!*_[](){}|~=-+.,@$^"].Select(c => c.ToString())),
        (3, Gen.Char['\u0000', '\u001F'].Select(c => c.ToString())),
        (3, Gen.Char["\u007F\u0085\u00A0\u00AD\u200B\u200D\u202E\u202F\u2028\u2029\uFEFF\uFFFD"].Select(c => c.ToString())),
        (3, Gen.Char['\u4E00', '\u9FFF'].Select(c => c.ToString())),
        (2, Gen.Char['\u0600', '\u06FF'].Select(c => c.ToString())),
        (3, Astral));

    public static Gen<string> Text(int maxLength) => Character.Array[0, maxLength].Select(string.Concat);

    /// <summary>Link and image targets: safe ones, script-running ones in every known spelling, and anything at all.</summary>
    public static readonly Gen<string> LinkTarget = Gen.Frequency(
        (3, Gen.OneOf<string>(
            "https://example.com/a?b=1&c=2", "http://example.com", "mailto:desk@example.com", "/about", "../other", "#section",
            "other-article", "/articles/other", "https://news.example.com/articles/other", "./2014/other.md", "poster.jpg",
            "../img/map.png", "https://cdn.example.com/a.png", "#", "", "<>", "//evil.example/x", "?page=2")),
        (3, Gen.OneOf<string>(
            "javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)",
            "java&#x09;script:alert(1)", "java&Tab;script:alert(1)", "javascript&colon;alert(1)", "<java\tscript:alert(1)>",
            "<\u0001javascript:alert(1)>", "  javascript:alert(1)", "vbscript:msgbox(1)", "VBScript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "DATA:text/html,<script>alert(1)</script>",
            "data:image/svg+xml,<svg onload=alert(1)>", "javascript://%0Aalert(1)", "<https://example.com/a.png\" onerror=\"alert(1)>")),
        (2, Text(30)));

    private static readonly Gen<string> MarkdownToken = Gen.OneOf<string>(
        "\n", "\n\n", "\n\n", "# ", "## ", "###### ", "> ", "- ", "* ", "1. ", "- [ ] ", "*", "**", "_", "__", "~~", "`", "```\n",
        "\n```\n", "    ", "[", "]", "(", ")", "<", ">", "!", "|", "\n|---|---|\n", "---\n", "\\", "&amp;", "&#106;", "&#0;", "&#x1F600;",
        "&colon;", "[^1]", "\n\n[^1]: ", "{#id .class onclick=alert(1)}", "\r\n", "\r", "\t");

    private static readonly Gen<string> RawHtml = Gen.OneOf<string>(
        "<script>window.injected = 1</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>", "<!-- <script>alert(1)</script> -->", "</script><script>alert(1)</script>",
        "<a data-link=\"0\">forged</a>", "<img data-image=\"0\" alt=\"forged\">", "<style>*{}</style>", "<base href=\"javascript://\">",
        "<details open ontoggle=alert(1)>", "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>");

    private static readonly Gen<string> Link = Gen.OneOf(
        Gen.Select(Text(20), LinkTarget, (text, target) => $"[{text}]({target})"),
        Gen.Select(Text(20), LinkTarget, (alt, target) => $"![{alt}]({target})"),
        LinkTarget.Select(target => $"<{target}>"),
        Gen.Select(Text(20), LinkTarget, (text, target) => $"[{text}][r]\n\n[r]: {target}\n\n"),
        Gen.Select(Text(20), LinkTarget, (title, target) => $"\n\nRead also:\n\n- [{title}]({target})\n"),
        Text(30).Select(title => $"\n\nÀ lire aussi :\n{title}\n"));

    public static readonly Gen<string> MarkdownFragment = Gen.Frequency(
        (5, Text(40)), (5, MarkdownToken), (3, Link), (1, RawHtml));

    public static readonly Gen<string> Body = MarkdownFragment.Array[1, 40].Select(string.Concat);

    private static readonly Gen<string> FieldName = Gen.OneOf<string>(
        "title", "slug", "description", "author", "author_url", "author_x", "author_fediverse", "section", "date", "updated", "tags", "lang",
        "image", "image_alt", "draft", "related", "unknown_field");

    private static readonly Gen<string> FieldValue = Gen.Frequency(
        (5, Text(60).Select(YamlQuoted)),
        (2, Text(20).Array[0, 4].Select(items => "[" + string.Join(", ", items.Select(YamlQuoted)) + "]")),
        (2, LinkTarget.Select(YamlQuoted)),
        (2, Gen.OneOf<string>(
            "2024-12-19T08:00:00Z", "2024-12-20", "2999-01-01", "yesterday", "5", "true", "no", "en", "fr", "fr_FR", "zz", "@janedoe",
            "https://example.com/jane", "[a, b, a]", "[", "{a: 1}", "&a [*a, *a]", "- x", "null", "~", "'unclosed", "\"\"", "|\n  block\n")),
        (1, Text(30)));

    public static readonly Gen<string> FrontMatter =
        Gen.Select(FieldName, FieldValue, (name, value) => $"{name}: {value}\n").Array[0, 8].Select(string.Concat);

    /// <summary>A whole uploaded file: front matter then body, a '# ' title then body, or a CMS export (headline first).</summary>
    public static readonly Gen<string> Article = Gen.OneOf(
        Gen.Select(FrontMatter, Body, (frontMatter, body) => $"---\n{frontMatter}---\n{body}"),
        Gen.Select(Text(80), Body, (title, body) => $"# {title}\n\n{body}"),
        Gen.Select(Text(80), Body, (title, body) => $"{title}\n\n{body}"),
        Body);
}
