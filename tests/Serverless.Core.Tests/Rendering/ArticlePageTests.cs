using System.Text.Json;
using Serverless.Core.Articles;
using Serverless.Core.Rendering;
using static Serverless.Core.Tests.Rendering.TestSite;

namespace Serverless.Core.Tests.Rendering;

/// <summary>The complete HTML5 page of an article: document frame, head tags, JSON-LD and the article itself.</summary>
public sealed class ArticlePageTests
{
    private const string ScriptStart = "<script type=\"application/ld+json\">";

    private static string Render(Article article) => PageRenderer.Render(ArticlePage.Standalone(article));

    private static JsonElement JsonLd(string page)
    {
        var start = page.IndexOf(ScriptStart, StringComparison.Ordinal) + ScriptStart.Length;
        var end = page.IndexOf("</script>", start, StringComparison.Ordinal);
        return JsonDocument.Parse(page[start..end]).RootElement;
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;

    [Fact]
    public void Page_is_a_complete_html5_document()
    {
        var page = Render(Article());

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">", page, StringComparison.Ordinal);
        Assert.EndsWith("</body>\n</html>\n", page, StringComparison.Ordinal);
        Assert.Equal((1, 1, 1), (Count(page, "<head>"), Count(page, "<body>"), Count(page, "</html>")));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    [InlineData("fr-CA")]
    public void Html_lang_is_the_article_language(string language) =>
        Assert.Contains($"<html lang=\"{language}\">", Render(Article(language: language)), StringComparison.Ordinal);

    [Fact]
    public void Title_element_is_the_article_title_then_the_site_name() =>
        Assert.Contains("<title>Budget vote delayed · Example News</title>", Render(Article()), StringComparison.Ordinal);

    [Fact]
    public void Head_has_the_meta_description_and_the_canonical_url()
    {
        var page = Render(Article());

        Assert.Equal("The vote moves to next week.", Meta(page, "description"));
        Assert.Contains($"<link rel=\"canonical\" href=\"{ArticleUrl}\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Article_shows_its_title_byline_and_body()
    {
        var page = Render(Article());

        Assert.Contains("<article>\n<header>\n<h1>Budget vote delayed</h1>\n<p class=\"byline\">By <a rel=\"author\" href=\"/authors/jane-doe\">Jane Doe</a> · <time datetime=\"2024-12-20T09:30:00+01:00\">", page, StringComparison.Ordinal);
        Assert.Contains("· 3 min read</p>\n</header>\n<div class=\"body\">\n<p>The vote on the budget was postponed.</p>\n", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_also_links_are_a_list_with_unresolved_titles_as_plain_text()
    {
        var page = PageRenderer.Render(ArticlePage.Standalone(Article()) with
        {
            ReadAlso = [new("Earlier vote", "/articles/earlier-vote"), new("Unresolved & pending", null)],
        });

        Assert.Contains("<h2 id=\"related-title\">Read also</h2>\n<ul>\n<li><a href=\"/articles/earlier-vote\">Earlier vote</a></li>\n<li>Unresolved &amp; pending</li>\n", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Articles_citing_this_one_are_listed_under_cited_in_in_the_article_language()
    {
        var page = PageRenderer.Render(ArticlePage.Standalone(Article(language: "fr")) with { CitedIn = [new("Le vote reporté", "/articles/vote-reporte")] });

        Assert.Contains("<h2 id=\"cited-in-title\">Cité dans</h2>\n<ul>\n<li><a href=\"/articles/vote-reporte\">Le vote reporté</a></li>\n", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_links_to_articles_point_to_their_page_when_resolved_and_are_text_otherwise()
    {
        var article = Article() with { BodyHtml = "<p>See <a data-link=\"0\">the <em>vote</em></a> and <a data-link=\"1\">the plan</a>.</p>\n" };

        var page = PageRenderer.Render(ArticlePage.Standalone(article) with { BodyLinkHrefs = ["/articles/the-vote", null] });

        Assert.Contains("<p>See <a href=\"/articles/the-vote\">the <em>vote</em></a> and the plan.</p>\n", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-link", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_ld_is_a_news_article_with_headline_url_and_dates()
    {
        var data = JsonLd(Render(Article()));

        Assert.Equal(
            ("https://schema.org", "NewsArticle", "Budget vote delayed", ArticleUrl, "2024-12-20T09:30:00+01:00", "2024-12-21T10:00:00+01:00", "Jane Doe"),
            (data.GetProperty("@context").GetString(), data.GetProperty("@type").GetString(), data.GetProperty("headline").GetString(),
             data.GetProperty("url").GetString(), data.GetProperty("datePublished").GetString(), data.GetProperty("dateModified").GetString(),
             data.GetProperty("author").GetProperty("name").GetString()));
    }

    [Fact]
    public void Json_ld_author_is_a_person_with_name_and_url()
    {
        var author = JsonLd(Render(Article())).GetProperty("author");

        Assert.Equal(("Person", "Jane Doe", "https://news.example.com/team/jane-doe"),
            (author.GetProperty("@type").GetString(), author.GetProperty("name").GetString(), author.GetProperty("url").GetString()));
    }

    [Fact]
    public void Json_ld_author_of_an_article_without_one_is_the_site()
    {
        var author = JsonLd(Render(Article() with { Author = null, AuthorUrl = null })).GetProperty("author");

        Assert.Equal(("Organization", Name, BaseUrl + "/"),
            (author.GetProperty("@type").GetString(), author.GetProperty("name").GetString(), author.GetProperty("url").GetString()));
    }

    [Fact]
    public void Json_ld_publisher_has_a_logo_image_object()
    {
        var publisher = JsonLd(Render(Article())).GetProperty("publisher");
        var logo = publisher.GetProperty("logo");

        Assert.Equal(("Organization", Name, "ImageObject", BaseUrl + "/logo.png", 512, 512),
            (publisher.GetProperty("@type").GetString(), publisher.GetProperty("name").GetString(), logo.GetProperty("@type").GetString(),
             logo.GetProperty("url").GetString(), logo.GetProperty("width").GetInt32(), logo.GetProperty("height").GetInt32()));
    }

    [Fact]
    public void Json_ld_images_are_absolute_and_include_the_1200_by_630_card()
    {
        var images = JsonLd(Render(Article(image: "https://cdn.example.org/a.jpg"))).GetProperty("image").EnumerateArray().Select(image => image.GetString()!).ToList();

        Assert.Equal("https://cdn.example.org/a.jpg", images[0]);
        Assert.Matches(@"^https://news\.example\.com/og/budget-vote-delayed\.png\?v=[0-9a-f]{16}$", images[1]);
    }

    [Fact]
    public void Json_ld_has_the_content_fields_google_recommends()
    {
        var data = JsonLd(Render(Article()));

        Assert.Equal(("The vote moves to next week.", "en", 420, "politics", ArticleUrl),
            (data.GetProperty("description").GetString(), data.GetProperty("inLanguage").GetString(), data.GetProperty("wordCount").GetInt32(),
             data.GetProperty("articleSection").GetString(), data.GetProperty("mainEntityOfPage").GetProperty("@id").GetString()));
        Assert.Equal(["politics", "budget"], data.GetProperty("keywords").EnumerateArray().Select(keyword => keyword.GetString()));
    }

    [Fact]
    public void French_title_is_spaced_on_the_page_and_kept_as_written_in_meta_tags()
    {
        var page = Render(Article(title: "Sony Pictures : la suite", language: "fr"));

        Assert.Contains("<h1>Sony Pictures\u00A0: la suite</h1>", page.Replace("&#xA0;", "\u00A0", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:title\" content=\"Sony Pictures : la suite\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Script_end_tag_in_the_title_cannot_end_the_json_ld_script()
    {
        const string title = "Breaking </script><script>alert(1)</script> news";

        var page = Render(Article(title: title, description: "<!-- & </SCRIPT>"));

        Assert.Equal(1, Count(page, "</script>"));
        Assert.DoesNotContain("</SCRIPT>", page, StringComparison.Ordinal);
        Assert.Equal(title, JsonLd(page).GetProperty("headline").GetString());
    }

    [Fact]
    public void Json_ld_has_no_raw_less_than_sign()
    {
        var page = Render(Article(title: "a < b", description: "<b>bold</b>"));
        var start = page.IndexOf(ScriptStart, StringComparison.Ordinal) + ScriptStart.Length;

        Assert.DoesNotContain("<", page[start..page.IndexOf("</script>", start, StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public void Title_with_quotes_angle_brackets_and_ampersand_is_encoded_in_text_and_attributes()
    {
        var page = Render(Article(title: "Tom & \"Jerry\" <3"));

        Assert.Contains("<h1>Tom &amp; &quot;Jerry&quot; &lt;3</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<title>Tom &amp; &quot;Jerry&quot; &lt;3 · Example News</title>", page, StringComparison.Ordinal);
        Assert.Contains("<meta property=\"og:title\" content=\"Tom &amp; &quot;Jerry&quot; &lt;3\">", page, StringComparison.Ordinal);
    }
}
