using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Serverless.Core.Articles;
using Serverless.Core.Linking;
using Serverless.Core.Parsing;

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
        var head = socialTags.Render(article, page.Image) + "<script type=\"application/ld+json\">" + JsonLd(article, page.Image) + "</script>\n";
        // The title as readers see it takes the language's typography; meta tags and structured data keep it as written.
        var title = FrenchTypography.AppliesTo(article.Language) ? FrenchTypography.Apply(article.Title) : article.Title;
        layout.WriteStart(html, article.Language, layout.TitleFor(title), head);

        html.Append("<article>\n<h1>").Append(Html.Encode(title)).Append("</h1>\n<p class=\"byline\">");
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

    /// <summary>
    /// schema.org NewsArticle with what Google's article rich result asks for: the images (the generated 1200×630 card
    /// always among them), an author (the site as an Organization when the article names none) and a publisher with its logo.
    /// </summary>
    private string JsonLd(IArticleMetadata article, ShareImage? resolvedImage)
    {
        var url = urls.Article(article.Slug);
        var site = layout.Site;
        var images = new[] { socialTags.ImageOf(article, resolvedImage).Url, socialTags.Card(article).Url }.Distinct(StringComparer.Ordinal);
        var organization = new JsonObject { ["@type"] = "Organization", ["name"] = site.Name, ["url"] = urls.Home };
        JsonObject author = article.Author is { Length: > 0 } name
            ? new JsonObject { ["@type"] = "Person", ["name"] = name, ["url"] = article.AuthorUrl ?? urls.Home }
            : organization.DeepClone().AsObject();
        var logo = new JsonObject { ["@type"] = "ImageObject", ["url"] = urls.Absolute(site.LogoUrl ?? "/" + Http.Routes.Logo) };
        if (site.LogoUrl is null)
        {
            logo["width"] = SiteLogo.Width;
            logo["height"] = SiteLogo.Height;
        }
        var publisher = organization.DeepClone().AsObject();
        publisher["logo"] = logo;
        var data = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "NewsArticle",
            ["headline"] = article.Title,
            ["description"] = article.Description,
            ["image"] = new JsonArray([.. images.Select(image => (JsonNode)image)]),
            ["inLanguage"] = article.Language,
            ["url"] = url,
            ["mainEntityOfPage"] = new JsonObject { ["@type"] = "WebPage", ["@id"] = url },
            ["datePublished"] = SocialMetaTags.Iso(article.Published),
            ["dateModified"] = SocialMetaTags.Iso(article.Modified),
            ["wordCount"] = article.WordCount,
            ["author"] = author,
            ["publisher"] = publisher,
        };
        if (article.Section is { Length: > 0 } section)
        {
            data["articleSection"] = section;
        }
        if (article.Tags.Count > 0)
        {
            data["keywords"] = new JsonArray([.. article.Tags.Select(tag => (JsonNode)tag)]);
        }
        return data.ToJsonString(Html.ScriptJson);
    }
}
