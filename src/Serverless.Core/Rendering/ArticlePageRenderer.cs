using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Serverless.Core.Articles;
using Serverless.Core.Linking;

namespace Serverless.Core.Rendering;

/// <summary>Renders an article's complete HTML5 page from its record and resolved links; readers are served the stored bytes.</summary>
public sealed class ArticlePageRenderer(SiteLayout layout, SocialMetaTags socialTags, SiteUrls urls)
{
    public string Render(ArticlePage page)
    {
        var article = page.Article;
        var texts = PageTexts.For(article.Language);
        var culture = OpenGraphLocale.Culture(article.Language);
        var html = new StringBuilder(page.BodyHtml.Length + 6000);
        var head = socialTags.Render(article) + "<script type=\"application/ld+json\">" + JsonLd(article) + "</script>\n";
        layout.WriteStart(html, article.Language, layout.TitleFor(article.Title), head);

        html.Append("<article>\n<h1>").Append(Html.Encode(article.Title)).Append("</h1>\n<p class=\"byline\">");
        if (article.Author is { Length: > 0 } author)
        {
            html.Append(Html.Encode(texts.By)).Append(' ').Append(Html.Encode(author)).Append(" · ");
        }
        html.Append("<time datetime=\"").Append(SocialMetaTags.Iso(article.Published)).Append("\">")
            .Append(Html.Encode(article.Published.ToString("D", culture)))
            .Append("</time> · ").Append(article.ReadingMinutes.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(Html.Encode(texts.MinutesRead)).Append("</p>\n");
        var body = BodyImages.Resolve(page.BodyHtml, index => index < page.BodyImages.Count ? page.BodyImages[index] : null);
        BodyLinks.WriteResolved(html, body, index => index < page.BodyLinkHrefs.Count ? page.BodyLinkHrefs[index] : null);
        WriteLinks(html, "related", texts.ReadAlso, page.ReadAlso);
        WriteLinks(html, "cited-in", texts.CitedIn, page.CitedIn);
        html.Append("</article>\n");
        layout.WriteEnd(html);
        return html.ToString();
    }

    /// <summary>A titled list of links; entries without an address stay plain text, so a reader never meets a dead link.</summary>
    private static void WriteLinks(StringBuilder html, string id, string heading, IReadOnlyList<PageLink> links)
    {
        if (links.Count == 0)
        {
            return;
        }
        html.Append("<aside class=\"").Append(id).Append("\" aria-labelledby=\"").Append(id).Append("-title\">\n<h2 id=\"")
            .Append(id).Append("-title\">").Append(Html.Encode(heading)).Append("</h2>\n<ul>\n");
        foreach (var link in links)
        {
            html.Append("<li>");
            if (link.Href is { } href)
            {
                html.Append("<a href=\"").Append(Html.Encode(href)).Append("\">").Append(Html.Encode(link.Title)).Append("</a>");
            }
            else
            {
                html.Append(Html.Encode(link.Title));
            }
            html.Append("</li>\n");
        }
        html.Append("</ul>\n</aside>\n");
    }

    /// <summary>schema.org NewsArticle, with the properties Google recommends.</summary>
    private string JsonLd(IArticleMetadata article)
    {
        var url = urls.Article(article.Slug);
        var data = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["headline"] = article.Title,
            ["description"] = article.Description,
            ["inLanguage"] = article.Language,
            ["url"] = url,
            ["mainEntityOfPage"] = new JsonObject { ["@type"] = "WebPage", ["@id"] = url },
            ["datePublished"] = SocialMetaTags.Iso(article.Published),
            ["dateModified"] = SocialMetaTags.Iso(article.Modified),
            ["wordCount"] = article.WordCount,
            ["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = layout.Site.Name, ["url"] = urls.Home },
        };
        if (article.Author is { Length: > 0 } author)
        {
            data["author"] = new JsonObject { ["@type"] = "Person", ["name"] = author };
        }
        if (socialTags.ImageOf(article) is { } image)
        {
            data["image"] = new JsonArray(image);
        }
        if (article.Tags.Count > 0)
        {
            data["keywords"] = new JsonArray([.. article.Tags.Select(tag => (JsonNode)tag)]);
        }
        return data.ToJsonString(Html.ScriptJson);
    }
}
