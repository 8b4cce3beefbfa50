using Serverless.Core.Parsing;
using static Serverless.Core.Tests.Parsing.TestArticles;

namespace Serverless.Core.Tests.Parsing;

/// <summary>Only http, https, mailto and relative URLs survive; placeholders lose their link; raw HTML is text.</summary>
public sealed class LinkSafetyTests
{
    [Theory]
    [InlineData("[the minister](#)")]
    [InlineData("[the minister]()")]
    [InlineData("[the minister](<>)")]
    [InlineData("[the minister]( # )")]
    public void Placeholder_link_shows_its_text_until_an_article_has_that_title_and_is_reported(string link)
    {
        var article = WithBody($"Says {link} today.");

        Assert.Equal("<p>Says the minister today.</p>\n", ShownBody(article));
        Assert.Equal(["t:the minister"], Assert.Single(article.Links).Keys);
        Assert.StartsWith("Placeholder link on 'the minister' (target '", Assert.Single(article.Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/articles/other", "s:other")]
    [InlineData("https://news.example.com/articles/other#comments", "s:other")]
    [InlineData("other", "s:other")]
    [InlineData("./2014/other.md", "p:")]
    public void Link_to_an_article_of_the_site_is_text_until_its_target_is_published(string url, string key)
    {
        var article = WithBody($"See [this]({url}).");

        Assert.Equal("<p>See this.</p>\n", ShownBody(article));
        Assert.StartsWith(key, Assert.Single(Assert.Single(article.Links).Keys), StringComparison.Ordinal);
        Assert.Empty(article.Warnings);
    }

    [Theory]
    [InlineData("https://example.com/a?b=1", "https://example.com/a?b=1")]
    [InlineData("http://example.com", "http://example.com")]
    [InlineData("mailto:desk@example.com", "mailto:desk@example.com")]
    [InlineData("/about", "/about")]
    [InlineData("../other", "../other")]
    [InlineData("#section-2", "#section-2")]
    public void Http_https_mailto_and_relative_links_survive(string url, string href)
    {
        var article = WithBody($"See [this]({url}).");

        Assert.Contains($"<a href=\"{href}\">this</a>", article.BodyHtml);
        Assert.Empty(article.Warnings);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JAVASCRIPT:alert(1)")]
    [InlineData("<java\tscript:alert(1)>")]
    [InlineData("<java&#9;script:alert(1)>")]
    [InlineData(" jav&#x0A;ascript:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [InlineData("vbscript:msgbox(1)")]
    public void Link_with_another_scheme_is_removed_with_a_warning_and_keeps_its_text(string destination)
    {
        var article = WithBody($"Click [here]({destination}) now.");

        Assert.Equal("<p>Click here now.</p>\n", article.BodyHtml);
        Assert.StartsWith("Link on 'here' was removed: its target ", Assert.Single(article.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Unsafe_reference_style_link_is_removed() =>
        Assert.Equal("<p>Click here now.</p>\n", WithBody("Click [here][1] now.\n\n[1]: javascript:alert(1)").BodyHtml);

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=")]
    public void Image_with_another_scheme_is_removed_with_a_warning_and_keeps_its_alt_text_once(string source)
    {
        var article = WithBody($"Before ![a chart]({source}) after.");

        Assert.Equal("<p>Before a chart after.</p>\n", article.BodyHtml);
        Assert.StartsWith("Image 'a chart' was removed", Assert.Single(article.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Image_with_a_relative_source_is_kept() =>
        Assert.Contains("<img src=\"/images/chart.png\" alt=\"a chart\" />", WithBody("Before ![a chart](/images/chart.png) after.").BodyHtml);

    [Fact]
    public void Javascript_autolink_is_removed_with_a_warning()
    {
        var article = WithBody("Try <javascript:alert(1)> now.");

        Assert.Equal("<p>Try javascript:alert(1) now.</p>\n", article.BodyHtml);
        Assert.Equal(["Link 'javascript:alert(1)' was removed: it is not an http, https, mailto or relative URL."], article.Warnings);
    }

    [Fact]
    public void Javascript_autolink_is_removed_when_a_later_link_in_the_paragraph_was_unwrapped()
    {
        var article = WithBody("Try <javascript:alert(1)> or [this](#) now.");

        Assert.DoesNotContain("href=\"javascript:", article.BodyHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("<p>Try javascript:alert(1) or this now.</p>\n", ShownBody(article));
    }

    [Fact]
    public void Email_and_web_autolinks_are_kept() =>
        Assert.Equal(
            "<p>Write to <a href=\"mailto:desk@example.com\">desk@example.com</a> or see <a href=\"https://example.com\">https://example.com</a>.</p>\n",
            WithBody("Write to <desk@example.com> or see <https://example.com>.").BodyHtml);

    [Theory]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>", "&lt;iframe src=&quot;https://evil.example&quot;&gt;&lt;/iframe&gt;")]
    public void Raw_html_is_rendered_as_escaped_text(string html, string escaped)
    {
        var inline = WithBody($"Before {html} after.").BodyHtml;
        var block = WithBody($"First paragraph.\n\n{html}\n\nLast paragraph.").BodyHtml;

        Assert.Contains($"<p>Before {escaped} after.</p>", inline);
        Assert.Contains(escaped, block);
        Assert.DoesNotContain(html, block);
    }

    [Fact]
    public void Generic_attributes_have_no_effect() =>
        Assert.Equal(
            "<p><a href=\"https://example.com\">this</a>{onclick=alert(1)}</p>\n<p>Body {#id .class onmouseover=alert(1)}</p>\n",
            WithBody("[this](https://example.com){onclick=alert(1)}\n\nBody {#id .class onmouseover=alert(1)}").BodyHtml);

    [Theory]
    [InlineData("https://example.com", true)]
    [InlineData("//cdn.example.com/a.png", true)]
    [InlineData("images/a.png", true)]
    [InlineData("?page=2", true)]
    [InlineData("MAILTO:a@example.com", true)]
    [InlineData("ftp://example.com", false)]
    [InlineData("java\u0000script:alert(1)", false)]
    [InlineData("\u0001javascript:alert(1)", false)]
    [InlineData("", false)]
    public void Safe_urls_are_http_https_mailto_and_relative_only(string url, bool allowed) =>
        Assert.Equal(allowed, SafeUrls.IsAllowed(url));

    [Theory]
    [InlineData("<a data-link=\"0\">forged</a>")]
    [InlineData("`<a data-link=\"0\">forged</a>`")]
    [InlineData("    <a data-link=\"0\">forged</a>")]
    public void Author_cannot_forge_a_link_marker(string body)
    {
        var article = WithBody($"See [this](other).\n\n{body}");
        var page = new System.Text.StringBuilder();

        Serverless.Core.Linking.BodyLinks.WriteResolved(page, article.BodyHtml, _ => "/articles/other");

        Assert.Single(article.Links);
        Assert.Equal(1, page.ToString().Split("<a href=").Length - 1);
        Assert.Contains("&lt;a data-link=", page.ToString(), StringComparison.Ordinal);
    }
}
