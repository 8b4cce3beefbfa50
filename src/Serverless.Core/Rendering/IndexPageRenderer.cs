using System.Text;
using Serverless.Core.Storage;

namespace Serverless.Core.Rendering;

/// <summary>The home page (newest first), tag pages and the site's error pages.</summary>
public sealed class IndexPageRenderer(SiteLayout layout, SiteUrls urls)
{
    /// <param name="links">Where the older and newer pages are; the first page has no newer one.</param>
    public string Render(IReadOnlyList<ListingEntity> articles, PageLinks links)
    {
        var site = layout.Site;
        var texts = PageTexts.For(site.DefaultLanguage);
        var html = new StringBuilder(4096 + articles.Count * 512);
        var url = links.Canonical(urls.Home);
        var head = $"<link rel=\"canonical\" href=\"{Html.Encode(url)}\">\n<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:site_name\" content=\"{Html.Encode(site.Name)}\">\n<meta property=\"og:title\" content=\"{Html.Encode(site.Name)}\">\n<meta property=\"og:url\" content=\"{Html.Encode(url)}\">\n"
            + FeedLink("application/rss+xml", site.Name, urls.RssFeed) + FeedLink("application/atom+xml", site.Name, urls.AtomFeed);
        layout.WriteStart(html, site.DefaultLanguage, site.Name, head);
        html.Append("<h1>").AppendHtml(texts.LatestArticles).Append("</h1>\n");
        WriteList(html, articles);
        WritePageLinks(html, links, texts);
        layout.WriteEnd(html, site.DefaultLanguage);
        return html.ToString();
    }

    /// <summary>A page of a tag's articles, newest first, as on the home page, and its feed.</summary>
    /// <param name="tag">The tag as authors write it; <paramref name="tagSlug"/> is its URL form.</param>
    public string RenderTag(string tag, string tagSlug, IReadOnlyList<ListingEntity> articles, PageLinks links)
    {
        var site = layout.Site;
        var url = links.Canonical(urls.Tag(tagSlug));
        var title = layout.TitleFor(tag);
        var html = new StringBuilder(4096 + articles.Count * 512);
        var head = $"<link rel=\"canonical\" href=\"{Html.Encode(url)}\">\n<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:site_name\" content=\"{Html.Encode(site.Name)}\">\n<meta property=\"og:title\" content=\"{Html.Encode(title)}\">\n<meta property=\"og:url\" content=\"{Html.Encode(url)}\">\n"
            + FeedLink("application/rss+xml", title, urls.TagFeed(tagSlug));
        layout.WriteStart(html, site.DefaultLanguage, title, head);
        html.Append("<h1>").AppendHtml(tag).Append("</h1>\n");
        WriteList(html, articles);
        WritePageLinks(html, links, PageTexts.For(site.DefaultLanguage));
        layout.WriteEnd(html, site.DefaultLanguage);
        return html.ToString();
    }

    /// <summary>Links to the newer (<c>rel="prev"</c>) and older (<c>rel="next"</c>) pages, so a reader or crawler reaches every article.</summary>
    private static void WritePageLinks(StringBuilder html, PageLinks links, PageTexts texts)
    {
        if (links.Newer is { } newer)
        {
            html.Append("<p><a rel=\"prev\" href=\"").AppendHtml(newer).Append("\">").AppendHtml(texts.Newer).Append("</a></p>\n");
        }
        if (links.Older is { } older)
        {
            html.Append("<p><a rel=\"next\" href=\"").AppendHtml(older).Append("\">").AppendHtml(texts.Older).Append("</a></p>\n");
        }
    }

    /// <summary>Feed autodiscovery: where a feed reader finds the page's feed.</summary>
    private static string FeedLink(string type, string title, string href) =>
        $"<link rel=\"alternate\" type=\"{type}\" title=\"{Html.Encode(title)}\" href=\"{Html.Encode(href)}\">\n";

    private void WriteList(StringBuilder html, IReadOnlyList<ListingEntity> articles)
    {
        var culture = OpenGraphLocale.Culture(layout.Site.DefaultLanguage);
        html.Append("<ol class=\"articles\">\n");
        foreach (var article in articles)
        {
            html.Append("<li lang=\"").AppendHtml(article.Language).Append("\"><h2><a href=\"/articles/").Append(article.Slug).Append("\">")
                .AppendHtml(article.Title).Append("</a></h2>\n<p class=\"byline\"><time datetime=\"")
                .Append(SocialMetaTags.Iso(article.Published)).Append("\">").AppendHtml(article.Published.ToString("D", culture))
                .Append("</time></p>\n<p>").AppendHtml(article.Description).Append("</p></li>\n");
        }
        html.Append("</ol>\n");
    }

    /// <summary>404 and 410 pages: a real page in the site's frame, with a way back home.</summary>
    public string RenderError(int statusCode)
    {
        var site = layout.Site;
        var texts = PageTexts.For(site.DefaultLanguage);
        var (title, detail) = statusCode == 410 ? (texts.Gone, texts.GoneDetail) : (texts.NotFound, texts.NotFoundDetail);
        var html = new StringBuilder(2048);
        layout.WriteStart(html, site.DefaultLanguage, layout.TitleFor(title), "<meta name=\"robots\" content=\"noindex\">\n");
        html.Append("<h1>").AppendHtml(title).Append("</h1>\n<p>").AppendHtml(detail)
            .Append("</p>\n<p><a href=\"/\">").AppendHtml(site.Name).Append("</a></p>\n");
        layout.WriteEnd(html, site.DefaultLanguage);
        return html.ToString();
    }
}
