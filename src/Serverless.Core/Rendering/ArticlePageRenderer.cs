using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Core.Articles;
using Serverless.Core.Configuration;

namespace Serverless.Core.Rendering;

/// <summary>Renders a parsed article into its complete HTML5 page, once per publish; readers are served the stored bytes.</summary>
public sealed class ArticlePageRenderer(SiteLayout layout, SocialMetaTags socialTags, SiteUrls urls)
{
    /// <summary>
    /// Bump when the page template changes: stored pages rendered by another version are rendered again by the next
    /// reconciliation. The site settings that appear in pages are part of it too (see <see cref="Version"/>).
    /// </summary>
    private const string TemplateVersion = "1";

    /// <summary>Identifies the template and the site settings a stored page was rendered with.</summary>
    public string Version { get; } = TemplateVersion + "-" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(layout.Site, Html.ScriptJson))))[..12].ToLowerInvariant();

    public string Render(Article article)
    {
        var texts = PageTexts.For(article.Language);
        var culture = OpenGraphLocale.Culture(article.Language);
        var html = new StringBuilder(article.BodyHtml.Length + 6000);
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
            .Append(Html.Encode(texts.MinutesRead)).Append("</p>\n")
            .Append(article.BodyHtml);

        if (article.RelatedLinks.Count > 0)
        {
            html.Append("<aside class=\"related\" aria-labelledby=\"related-title\">\n<h2 id=\"related-title\">")
                .Append(Html.Encode(texts.ReadAlso)).Append("</h2>\n<ul>\n");
            foreach (var link in article.RelatedLinks)
            {
                // Unresolved titles stay plain text: a reader never meets a dead link.
                html.Append("<li>");
                if (link.Target is { } target)
                {
                    html.Append("<a href=\"").Append(Html.Encode(target)).Append("\">").Append(Html.Encode(link.Title)).Append("</a>");
                }
                else
                {
                    html.Append(Html.Encode(link.Title));
                }
                html.Append("</li>\n");
            }
            html.Append("</ul>\n</aside>\n");
        }
        html.Append("</article>\n");
        layout.WriteEnd(html);
        return html.ToString();
    }

    /// <summary>schema.org NewsArticle, with the properties Google recommends.</summary>
    private string JsonLd(Article article)
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
