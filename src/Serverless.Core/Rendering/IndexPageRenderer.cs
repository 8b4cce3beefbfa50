using System.Globalization;
using System.Text;
using System.Text.Json;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Rendering;

/// <summary>The home page (newest first, the newest as lead), tag and author pages, month archives and the site's error pages.</summary>
public sealed class IndexPageRenderer(SiteLayout layout, SiteUrls urls)
{
    /// <param name="links">Where the older and newer pages are; the first page has no newer one.</param>
    public string Render(IReadOnlyList<ListingEntity> articles, PageLinks links)
    {
        var site = layout.Site;
        var texts = PageTexts.For(site.DefaultLanguage);
        var html = new StringBuilder(4096 + articles.Count * 512);
        var url = links.Canonical(urls.Home);
        layout.WriteStart(html, site.DefaultLanguage, site.Name, Head(url, site.Name, $"{texts.LatestArticles} · {site.Name}", links) + FeedLink("application/rss+xml", site.Name, urls.RssFeed) + FeedLink("application/atom+xml", site.Name, urls.AtomFeed));
        html.Append("<h1>").AppendHtml(texts.LatestArticles).Append("</h1>\n");
        // The newest story leads the first page, with its image; later pages are lists throughout.
        WriteList(html, articles, lead: links.Newer is null);
        WritePageLinks(html, links, texts);
        layout.WriteEnd(html, site.DefaultLanguage);
        return html.ToString();
    }

    /// <summary>A page of a tag's articles, newest first, as on the home page, and its feed.</summary>
    /// <param name="tag">The tag as authors write it; <paramref name="tagSlug"/> is its URL form.</param>
    public string RenderTag(string tag, string tagSlug, IReadOnlyList<ListingEntity> articles, PageLinks links) =>
        RenderGroup(tag, string.Format(CultureInfo.InvariantCulture, PageTexts.For(layout.Site.DefaultLanguage).AboutTag, tag), urls.Tag(tagSlug), urls.TagFeed(tagSlug), articles, links, intro: null);

    /// <summary>
    /// A page of an author's articles, newest first, with their profile when they have one, their feed, and a
    /// ProfilePage of the Person in structured data.
    /// </summary>
    public string RenderAuthor(string name, string authorSlug, AuthorProfile profile, IReadOnlyList<ListingEntity> articles, PageLinks links)
    {
        var url = urls.Author(authorSlug);
        var intro = new StringBuilder();
        if (profile.Bio is not null || profile.Photo is not null)
        {
            intro.Append("<div class=\"profile\">");
            // Checked when the profile file is read; checked again here, as every URL a page shows is.
            if (profile.Photo is { } photo && Parsing.SafeUrls.IsAllowed(photo))
            {
                intro.Append("<img src=\"").AppendHtml(photo).Append("\" alt=\"\" width=\"96\" height=\"96\">");
            }
            if (profile.Bio is { } bio)
            {
                intro.Append("<p>").AppendHtml(bio).Append("</p>");
            }
            intro.Append("</div>\n");
        }
        if (profile.Links.Count > 0 || profile.FediverseUrl is not null)
        {
            intro.Append("<ul class=\"tags\">");
            foreach (var link in (profile.FediverseUrl is { } fediverse ? profile.Links.Append(fediverse) : profile.Links).Where(Parsing.SafeUrls.IsAllowed))
            {
                intro.Append("<li><a rel=\"me\" href=\"").AppendHtml(link).Append("\">").AppendHtml(Uri.TryCreate(link, UriKind.Absolute, out var uri) ? uri.Host : link).Append("</a></li>");
            }
            intro.Append("</ul>\n");
        }
        var person = new Dictionary<string, object?>
        {
            ["@type"] = "Person", ["name"] = name, ["url"] = url, ["description"] = profile.Bio,
            ["image"] = profile.Photo is { } image ? urls.Absolute(image) : null,
            ["sameAs"] = profile.FediverseUrl is { } own ? [.. profile.Links, own] : profile.Links.Count > 0 ? profile.Links : null,
        };
        var data = new Dictionary<string, object?> { ["@context"] = "https://schema.org", ["@type"] = "ProfilePage", ["url"] = links.Canonical(url), ["mainEntity"] = person };
        var head = "<script type=\"application/ld+json\">" + JsonSerializer.Serialize(data, Html.ScriptJson) + "</script>\n"
            + (profile.Fediverse is { } handle ? $"<meta name=\"fediverse:creator\" content=\"{Html.Encode(handle)}\">\n" : string.Empty);
        var description = profile.Bio ?? string.Format(CultureInfo.InvariantCulture, PageTexts.For(layout.Site.DefaultLanguage).ArticlesOf, name);
        return RenderGroup(name, description, url, urls.AuthorFeed(authorSlug), articles, links, intro.ToString(), head);
    }

    /// <summary>A month's articles, newest first (one partition of the site's listing), linked from the archives page.</summary>
    public string RenderArchiveMonth(ListingMonth month, IReadOnlyList<ListingEntity> articles, PageLinks links)
    {
        var site = layout.Site;
        var culture = OpenGraphLocale.Culture(site.DefaultLanguage);
        var heading = culture.TextInfo.ToTitleCase(month.Start.ToString("Y", culture));
        var html = new StringBuilder(4096 + articles.Count * 512);
        var title = layout.TitleFor(heading);
        layout.WriteStart(html, site.DefaultLanguage, title, Head(links.Canonical(site.BaseUrl + SiteUrls.ArchivePath(month.Year, month.Month)), title, title, links));
        html.Append("<h1>").AppendHtml(heading).Append("</h1>\n");
        WriteList(html, articles, lead: false);
        WritePageLinks(html, links, PageTexts.For(site.DefaultLanguage));
        layout.WriteEnd(html, site.DefaultLanguage);
        return html.ToString();
    }

    /// <summary>Every month that has articles, newest first, each linked to its archive; <paramref name="older"/> continues the list.</summary>
    public string RenderArchives(IReadOnlyList<ListingMonth> months, string? older)
    {
        var site = layout.Site;
        var texts = PageTexts.For(site.DefaultLanguage);
        var culture = OpenGraphLocale.Culture(site.DefaultLanguage);
        var html = new StringBuilder(2048 + months.Count * 64);
        var title = layout.TitleFor(texts.Archives);
        layout.WriteStart(html, site.DefaultLanguage, title, Head(site.BaseUrl + "/" + Http.Routes.Archives, title, title, PageLinks.None));
        html.Append("<h1>").AppendHtml(texts.Archives).Append("</h1>\n<ul>\n");
        foreach (var month in months)
        {
            html.Append("<li><a href=\"").Append(SiteUrls.ArchivePath(month.Year, month.Month)).Append("\">")
                .AppendHtml(culture.TextInfo.ToTitleCase(month.Start.ToString("Y", culture))).Append("</a></li>\n");
        }
        html.Append("</ul>\n");
        WritePageLinks(html, new PageLinks(older, null), texts);
        layout.WriteEnd(html, site.DefaultLanguage);
        return html.ToString();
    }

    private string RenderGroup(string heading, string description, string url, string feedUrl, IReadOnlyList<ListingEntity> articles, PageLinks links, string? intro, string extraHead = "")
    {
        var site = layout.Site;
        var title = layout.TitleFor(heading);
        var html = new StringBuilder(4096 + articles.Count * 512);
        layout.WriteStart(html, site.DefaultLanguage, title, Head(links.Canonical(url), title, description, links) + FeedLink("application/rss+xml", title, feedUrl) + extraHead);
        html.Append("<h1>").AppendHtml(heading).Append("</h1>\n").Append(intro);
        WriteList(html, articles, lead: false);
        WritePageLinks(html, links, PageTexts.For(site.DefaultLanguage));
        layout.WriteEnd(html, site.DefaultLanguage);
        return html.ToString();
    }

    /// <summary>The description search engines show, the canonical URL, Open Graph's basics, and the neighbouring pages for crawlers.</summary>
    private string Head(string url, string title, string description, PageLinks links)
    {
        var head = new StringBuilder()
            .Append("<meta name=\"description\" content=\"").AppendHtml(description).Append("\">\n")
            .Append("<link rel=\"canonical\" href=\"").AppendHtml(url).Append("\">\n<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:site_name\" content=\"")
            .AppendHtml(layout.Site.Name).Append("\">\n<meta property=\"og:title\" content=\"").AppendHtml(title).Append("\">\n<meta property=\"og:url\" content=\"").AppendHtml(url).Append("\">\n");
        if (links.Newer is { } newer)
        {
            head.Append("<link rel=\"prev\" href=\"").AppendHtml(newer).Append("\">\n");
        }
        if (links.Older is { } older)
        {
            head.Append("<link rel=\"next\" href=\"").AppendHtml(older).Append("\">\n");
        }
        return head.ToString();
    }

    /// <summary>Links to the newer (<c>rel="prev"</c>) and older (<c>rel="next"</c>) pages, so a reader or crawler reaches every article.</summary>
    private static void WritePageLinks(StringBuilder html, PageLinks links, PageTexts texts)
    {
        if (links.Newer is null && links.Older is null)
        {
            return;
        }
        html.Append("<nav class=\"pages\">");
        if (links.Newer is { } newer)
        {
            html.Append("<a rel=\"prev\" href=\"").AppendHtml(newer).Append("\">").AppendHtml(texts.Newer).Append("</a>");
        }
        if (links.Older is { } older)
        {
            html.Append("<a rel=\"next\" href=\"").AppendHtml(older).Append("\">").AppendHtml(texts.Older).Append("</a>");
        }
        html.Append("</nav>\n");
    }

    /// <summary>Feed autodiscovery: where a feed reader finds the page's feed.</summary>
    private static string FeedLink(string type, string title, string href) =>
        $"<link rel=\"alternate\" type=\"{type}\" title=\"{Html.Encode(title)}\" href=\"{Html.Encode(href)}\">\n";

    /// <summary>
    /// Articles with their date, description and image: the lead's full width and fetched first, the others' as
    /// thumbnails loaded as the reader scrolls. Images keep a fixed ratio, so nothing moves as they load.
    /// </summary>
    private void WriteList(StringBuilder html, IReadOnlyList<ListingEntity> articles, bool lead)
    {
        var culture = OpenGraphLocale.Culture(layout.Site.DefaultLanguage);
        html.Append("<ol class=\"articles\">\n");
        for (var index = 0; index < articles.Count; index++)
        {
            var article = articles[index];
            var isLead = lead && index == 0;
            html.Append("<li lang=\"").AppendHtml(article.Language).Append(isLead ? "\" class=\"lead\">" : "\">");
            // The ingest keeps only safe images on the row; a row is still not trusted with a script URL.
            if (article.Image is { } image && Parsing.SafeUrls.IsAllowed(image))
            {
                html.Append("<img src=\"").AppendHtml(image).Append("\" alt=\"\"").Append(isLead ? " class=\"wide\" fetchpriority=\"high\">" : " class=\"thumb\" loading=\"lazy\" decoding=\"async\">");
            }
            html.Append("<h2><a href=\"/articles/").Append(article.Slug).Append("\">")
                .AppendHtml(article.Title).Append("</a></h2>\n<p class=\"byline\"><time datetime=\"")
                .Append(SocialMetaTags.Iso(article.Published)).Append("\">").AppendHtml(article.Published.ToString("D", culture))
                .Append("</time></p>\n<p>").AppendHtml(article.Description).Append("</p></li>\n");
        }
        html.Append("</ol>\n");
    }

    /// <summary>404 and 410 pages in the site's frame: what happened, the search box (in the header) and the newest articles.</summary>
    public string RenderError(int statusCode, IReadOnlyList<ListingEntity> newest)
    {
        var site = layout.Site;
        var texts = PageTexts.For(site.DefaultLanguage);
        var (title, detail) = statusCode == 410 ? (texts.Gone, texts.GoneDetail) : (texts.NotFound, texts.NotFoundDetail);
        var html = new StringBuilder(2048 + newest.Count * 512);
        layout.WriteStart(html, site.DefaultLanguage, layout.TitleFor(title), "<meta name=\"robots\" content=\"noindex\">\n");
        html.Append("<h1>").AppendHtml(title).Append("</h1>\n<p>").AppendHtml(detail)
            .Append("</p>\n<p><a href=\"/\">").AppendHtml(site.Name).Append("</a></p>\n");
        if (newest.Count > 0)
        {
            html.Append("<h2>").AppendHtml(texts.LatestArticles).Append("</h2>\n");
            WriteList(html, newest, lead: false);
        }
        layout.WriteEnd(html, site.DefaultLanguage);
        return html.ToString();
    }
}
