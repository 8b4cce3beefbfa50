using System.Text.Json;
using AngleSharp.Html.Dom;
using Serverless.Core.Articles;
using Serverless.Core.Linking;
using Serverless.Core.Rendering;
using static Serverless.Core.Tests.Parsing.TestArticles;
using static Serverless.Core.Tests.Rendering.TestSite;

namespace Serverless.Core.Tests.Security;

/// <summary>
/// No script can run from an article: whatever an author writes in the body or the front matter, the page a browser
/// builds from it holds no script but the JSON-LD data block, no event handler and no javascript:, vbscript: or data: URL.
/// Each page is read by a real HTML5 parser (<see cref="PageSafety"/>), not searched for strings.
/// </summary>
public sealed class InjectionTests
{
    private static string PageOf(Article article, IReadOnlyList<PublishedImage?>? bodyImages = null) =>
        PageRenderer.Render(ArticlePage.Standalone(article) with { BodyImages = bodyImages ?? [] });

    private static void AssertSafe(string page) => Assert.Empty(PageSafety.Violations(page));

    [Theory]
    [InlineData("<script>window.injected = 1</script>")]
    [InlineData("<SCRIPT SRC=https://evil.example/x.js></SCRIPT>")]
    [InlineData("<script\n>window.injected = 1</script\n>")]
    [InlineData("- item <script>window.injected = 1</script>")]
    [InlineData("> quoted <script>window.injected = 1</script>")]
    [InlineData("| a |\n|---|\n| <script>window.injected = 1</script> |")]
    [InlineData("<!-- --><script>window.injected = 1</script>")]
    [InlineData("<div>\n<script>window.injected = 1</script>\n</div>")]
    [InlineData("Note[^1]\n\n[^1]: <script>window.injected = 1</script>")]
    public void Raw_script_element_in_the_body_is_shown_as_text(string markdown)
    {
        var page = PageOf(WithBody($"First paragraph.\n\n{markdown}\n\nLast paragraph."));

        AssertSafe(page);
        Assert.Single(PageSafety.Parse(page).Scripts);
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<svg><animate onbegin=alert(1) attributeName=x dur=1s>")]
    [InlineData("<body onload=alert(1)>")]
    [InlineData("<a href=\"#\" onclick=\"alert(1)\">click</a>")]
    [InlineData("<details open ontoggle=alert(1)>")]
    [InlineData("<input autofocus onfocus=alert(1)>")]
    [InlineData("<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>")]
    [InlineData("<object data=\"javascript:alert(1)\"></object>")]
    [InlineData("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">")]
    [InlineData("<base href=\"javascript:alert(1)//\">")]
    public void Event_handlers_and_active_elements_in_raw_html_are_shown_as_text(string html)
    {
        var inline = PageOf(WithBody($"Before {html} after."));
        var block = PageOf(WithBody($"First paragraph.\n\n{html}\n\nLast paragraph."));

        AssertSafe(inline);
        AssertSafe(block);
        Assert.Contains(html, PageSafety.Parse(block).QuerySelector("article")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>Script-running URLs as authors and attackers spell them: cases, entities, tabs, controls and leading spaces.</summary>
    public static TheoryData<string> HostileUrls { get; } =
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "&#106;avascript:alert(1)",
        "&#x6A;avascript:alert(1)",
        "&#X6a;&#x61;vascript:alert(1)",
        "java&#x09;script:alert(1)",
        "java&#9;script:alert(1)",
        "java&Tab;script:alert(1)",
        "java&NewLine;script:alert(1)",
        "javascript&colon;alert(1)",
        "<java\tscript:alert(1)>",
        "<java\nscript:alert(1)>",
        "<  javascript:alert(1)>",
        "<\u0001javascript:alert(1)>",
        "&#1;javascript:alert(1)",
        "&#0;javascript:alert(1)",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "DATA:text/html,<script>alert(1)</script>",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "&#100;ata:text/html,x",
    ];

    [Theory]
    [MemberData(nameof(HostileUrls))]
    public void Hostile_url_in_an_inline_link_or_image_never_reaches_the_page(string url)
    {
        var link = PageOf(WithBody($"Click [here]({url}) now."));
        var image = PageOf(WithBody($"See ![a chart]({url}) now."));

        AssertSafe(link);
        AssertSafe(image);
        Assert.Empty(PageSafety.Parse(link).QuerySelectorAll("article .body a[href]"));
        Assert.Empty(PageSafety.Parse(image).QuerySelectorAll("article .body img"));
    }

    [Theory]
    [MemberData(nameof(HostileUrls))]
    public void Hostile_url_in_a_reference_link_or_image_never_reaches_the_page(string url)
    {
        var page = PageOf(WithBody($"Click [here][x] and see ![a chart][x].\n\n[x]: {url}"));

        AssertSafe(page);
        Assert.Empty(PageSafety.Parse(page).QuerySelectorAll("article .body a[href], article .body img"));
    }

    [Theory]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("<JAVASCRIPT:alert(1)>")]
    [InlineData("<jAvAsCrIpT:alert(document.domain)>")]
    [InlineData("<vbscript:msgbox(1)>")]
    [InlineData("<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>")]
    [InlineData("<javascript://%0Aalert(1)>")]
    [InlineData("<javascript:alert(1)> and [then](#)")]
    public void Hostile_autolink_is_shown_as_text(string autolink)
    {
        var page = PageOf(WithBody($"Try {autolink} now."));

        AssertSafe(page);
        Assert.Empty(PageSafety.Parse(page).QuerySelectorAll("article .body a[href]"));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("&#106;avascript:alert(1)")]
    [InlineData("data:text/html,x")]
    public void Hostile_url_in_a_read_also_block_is_shown_as_text(string url)
    {
        var page = PageOf(WithBody($"Some text.\n\nRead also:\n\n- [Other story]({url})"));

        AssertSafe(page);
        Assert.Empty(PageSafety.Parse(page).QuerySelectorAll("aside a[href]"));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("data:image/svg+xml,<svg onload=alert(1)>")]
    [InlineData(" JavaScript:alert(1)")]
    public void Hostile_front_matter_image_is_ignored_with_a_warning(string image)
    {
        var article = Parse($"---\ntitle: Headline\nimage: {ArticleGenerators.YamlQuoted(image)}\n---\nBody.");

        AssertSafe(PageOf(article));
        Assert.Null(article.Image);
        Assert.Contains(article.Warnings, warning => warning.StartsWith("Front matter 'image'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("author_url", "javascript:alert(1)")]
    [InlineData("author_url", "data:text/html,x")]
    [InlineData("author_x", "\"><script>alert(1)</script>")]
    [InlineData("author_x", "@jane onload=alert(1)")]
    [InlineData("author_fediverse", "\"><script>alert(1)</script>@x.org")]
    [InlineData("author_fediverse", "@jane@mastodon.social onload=alert(1)")]
    public void Hostile_author_url_or_handle_is_refused_with_a_message(string field, string value)
    {
        var error = Rejects($"---\ntitle: Headline\n{field}: {ArticleGenerators.YamlQuoted(value)}\n---\nBody.");

        Assert.StartsWith($"Front matter '{field}'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Text crafted to end a quoted attribute, the title, the style sheet or the JSON-LD script, or to break JavaScript strings.</summary>
    public static TheoryData<string> BreakoutTexts { get; } =
    [
        "\"><script>alert(1)</script>",
        "'><img src=x onerror=alert(1)>",
        "</script><script>alert(1)</script>",
        "</SCRIPT ><script>alert(1)</script>",
        "<!--<script>alert(1)</script>",
        "</title><script>alert(1)</script>",
        "</style><script>alert(1)</script>",
        "&quot;&gt;<svg onload=alert(1)>",
        "\" onmouseover=\"alert(1)",
        "a\\u003c/script\\u003e",
        "]]><script>alert(1)</script>",
    ];

    [Theory]
    [MemberData(nameof(BreakoutTexts))]
    public void Front_matter_text_stays_inside_its_meta_attributes_and_the_json_ld(string text)
    {
        var tag = "tag " + text;
        var article = Parse($"""
            ---
            title: {ArticleGenerators.YamlQuoted("Title " + text)}
            description: {ArticleGenerators.YamlQuoted("Description " + text)}
            author: {ArticleGenerators.YamlQuoted("Author " + text)}
            section: {ArticleGenerators.YamlQuoted("Section " + text)}
            image_alt: {ArticleGenerators.YamlQuoted("Alt " + text)}
            tags: [{ArticleGenerators.YamlQuoted(tag)}]
            ---
            Body.
            """);
        var page = PageOf(article);
        var document = PageSafety.Parse(page);

        AssertSafe(page);
        Assert.Equal(("Title " + text, "Description " + text, "Alt " + text, "Section " + text, tag),
            (Meta(document, "og:title"), Meta(document, "og:description"), Meta(document, "og:image:alt"), Meta(document, "article:section"), Meta(document, "article:tag")));
        Assert.Equal("Author " + text, Meta(document, "article:author"));
        Assert.Equal("Title " + text, document.QuerySelector("h1")!.TextContent);
        Assert.StartsWith("Title " + text, document.Title, StringComparison.Ordinal);
        var data = JsonDocument.Parse(Assert.Single(document.Scripts).TextContent).RootElement;
        Assert.Equal(("Title " + text, "Author " + text, "Section " + text, tag),
            (data.GetProperty("headline").GetString(), data.GetProperty("author").GetProperty("name").GetString(),
             data.GetProperty("articleSection").GetString(), data.GetProperty("keywords")[0].GetString()));
    }

    [Fact]
    public void Line_and_paragraph_separators_are_escaped_in_the_json_ld()
    {
        var page = PageOf(Article(title: "a\u2028b\u2029c", description: "d\u2028e"));
        var script = Assert.Single(PageSafety.Parse(page).Scripts).TextContent;

        Assert.DoesNotContain('\u2028', script);
        Assert.DoesNotContain('\u2029', script);
        Assert.Contains("a\\u2028b\\u2029c", script, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BreakoutTexts))]
    public void Image_alt_text_stays_inside_its_attribute(string text)
    {
        // Every ASCII punctuation character escaped, so Markdown reads the alt text literally (no entity, no emphasis).
        var markdownAlt = string.Concat(text.Select(c => char.IsAscii(c) && (char.IsPunctuation(c) || char.IsSymbol(c)) ? "\\" + c : c.ToString()));
        var article = Parse($"# Headline\n\nOne ![{markdownAlt}](https://cdn.example.com/a.png) two ![{markdownAlt}](poster.jpg) three.",
            name: "2024/article.md");
        var page = PageOf(article, [new PublishedImage("https://news.example.com/media/0123/poster.jpg", 800, 600, "image/jpeg")]);
        var images = PageSafety.Parse(page).QuerySelectorAll("article .body img").Cast<IHtmlImageElement>().ToList();

        AssertSafe(page);
        Assert.Equal(2, images.Count);
        Assert.All(images, image => Assert.Equal(text, image.AlternativeText));
    }

    [Fact]
    public void Quote_in_an_external_image_url_cannot_add_an_attribute()
    {
        var page = PageOf(WithBody("See ![a](<https://cdn.example.com/a.png\" onerror=\"alert(1)>) now."));

        AssertSafe(page);
        Assert.Equal(["src", "alt"], PageSafety.Parse(page).QuerySelector("article .body img")!.Attributes.Select(attribute => attribute.Name));
    }

    [Fact]
    public void Front_matter_related_entry_with_a_script_url_is_never_a_link()
    {
        var article = Parse("---\ntitle: Headline\nrelated: [\"javascript:alert(1)\", \"data:text/html,x\"]\n---\nBody.");

        AssertSafe(PageOf(article));
        Assert.All(article.Links, link => Assert.Null(link.Target));
    }

    [Fact]
    public void A_browser_reads_the_checked_schemes_as_the_checker_does()
    {
        Assert.Equal("javascript", PageSafety.SchemeOf("java\tscript:alert(1)"));
        Assert.Equal("javascript", PageSafety.SchemeOf("\u0001 JAVASCRIPT:alert(1)"));
        Assert.Equal("https", PageSafety.SchemeOf("/articles/x"));
    }

    private static string Meta(IHtmlDocument document, string property) =>
        document.QuerySelectorAll("meta").Single(meta => meta.GetAttribute("property") == property || meta.GetAttribute("name") == property)
            .GetAttribute("content")!;
}
