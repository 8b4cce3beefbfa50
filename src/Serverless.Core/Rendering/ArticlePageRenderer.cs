using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.ObjectPool;
using Serverless.Core.Articles;
using Serverless.Core.Linking;
using Serverless.Core.Parsing;

namespace Serverless.Core.Rendering;

/// <summary>Renders an article's complete HTML5 page from its record and resolved links; readers are served the stored bytes.</summary>
public sealed class ArticlePageRenderer(SiteLayout layout, SocialMetaTags socialTags, SiteUrls urls)
{
    /// <summary>
    /// Builders reused from page to page: a page is the body plus about 10,000 characters, and a new builder of that
    /// size for each would be most of what rendering allocates. One whose capacity grew past the limit (a 2 MiB
    /// article) is let go rather than kept.
    /// </summary>
    /// <summary>The publisher's logo in structured data, the same on every page.</summary>
    private readonly string _logoUrl = urls.Absolute(layout.Site.LogoUrl ?? "/" + Http.Routes.Logo);

    private readonly ShareSnippetBuilder _shares = new(layout.Site, urls, socialTags);

    private static readonly ObjectPool<StringBuilder> Builders =
        new DefaultObjectPoolProvider().CreateStringBuilderPool(initialCapacity: 32 * 1024, maximumRetainedCapacity: 512 * 1024);

    /// <summary>The page as it is stored and served: UTF-8, encoded straight from the builder without a string between.</summary>
    public byte[] RenderUtf8(ArticlePage page)
    {
        var html = Builders.Get();
        try
        {
            Write(html, page);
            // Encoded once into a pooled buffer large enough for any text of this length, then copied out at its size.
            var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(html.Length));
            try
            {
                var encoder = Encoding.UTF8.GetEncoder();
                var written = 0;
                foreach (var chunk in html.GetChunks())
                {
                    written += encoder.GetBytes(chunk.Span, buffer.AsSpan(written), flush: false);
                }
                written += encoder.GetBytes([], buffer.AsSpan(written), flush: true);
                return buffer.AsSpan(0, written).ToArray();
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        finally
        {
            Builders.Return(html);
        }
    }

    /// <summary>The page as text, for previews and tests; <see cref="RenderUtf8"/> gives the same page as it is stored.</summary>
    public string Render(ArticlePage page)
    {
        var html = Builders.Get();
        try
        {
            Write(html, page);
            return html.ToString();
        }
        finally
        {
            Builders.Return(html);
        }
    }

    private void Write(StringBuilder html, ArticlePage page)
    {
        var article = page.Article;
        var texts = PageTexts.For(article.Language);
        var culture = OpenGraphLocale.Culture(article.Language);
        var card = socialTags.Card(article);
        var image = socialTags.ImageOf(article, page.Image, card);
        // The title as readers see it takes the language's typography; meta tags and structured data keep it as written.
        var title = FrenchTypography.AppliesTo(article.Language) ? FrenchTypography.Apply(article.Title) : article.Title;
        // The head tags written in place: a string of them would be one more copy of a few kilobytes per page.
        SiteLayout.WriteHeadStart(html, article.Language, layout.TitleFor(title));
        socialTags.Write(html, article, image, page.AuthorFediverse);
        html.Append("<script type=\"application/ld+json\">");
        WriteJsonLd(html, article, image, card);
        html.Append("</script>\n");
        layout.WriteHeadEnd(html, article.Language);

        html.Append("<article>\n<header>\n<h1>").AppendHtml(title).Append("</h1>\n");
        WriteByline(html, article, texts, culture);
        html.Append("</header>\n");
        if (page.LeadImage is { } lead)
        {
            html.Append("<figure class=\"lead\">");
            Images.PictureMarkup.Write(html, lead, Html.Encode(article.ImageAlt ?? string.Empty), first: true);
            html.Append("</figure>\n");
        }
        var body = BodyImages.Resolve(page.BodyHtml, index => index < page.BodyImages.Count ? page.BodyImages[index] : null);
        html.Append("<div class=\"body\">\n");
        BodyLinks.WriteResolved(html, body, index => index < page.BodyLinkHrefs.Count ? page.BodyLinkHrefs[index] : null);
        html.Append("</div>\n");
        WriteTags(html, article.Tags, texts);
        WriteShareLinks(html, article, texts);
        WriteLinks(html, "related", texts.ReadAlso, page.ReadAlso);
        WriteLinks(html, "cited-in", texts.CitedIn, page.CitedIn, page.CitedInOthers > 0 ? texts.CitedInOthers(page.CitedInOthers, culture) : null);
        WriteNeighbours(html, page.Neighbours, texts);
        ActivityPub.ReplySection.Write(html, page.Replies, culture);
        html.Append("</article>\n");
        layout.WriteEnd(html, article.Language);
    }

    /// <summary>
    /// Who wrote it, each author linked to their page; when it was published, and updated if it was since; how long
    /// it takes to read. Dates in the article's language.
    /// </summary>
    private static void WriteByline(StringBuilder html, IArticleMetadata article, PageTexts texts, CultureInfo culture)
    {
        html.Append("<p class=\"byline\">");
        var authors = article.Authors;
        if (authors.Count > 0)
        {
            html.AppendHtml(texts.By).Append(' ');
            for (var index = 0; index < authors.Count; index++)
            {
                html.Append(index == 0 ? string.Empty : index == authors.Count - 1 ? $" {texts.And} " : ", ");
                WriteAuthor(html, authors[index]);
            }
            html.Append(" · ");
        }
        WriteTime(html, article.Published, culture);
        if (article.Updated is { } updated)
        {
            html.Append(" · <span class=\"updated\">").AppendHtml(texts.Updated).Append(' ');
            WriteTime(html, updated, culture);
            html.Append("</span>");
        }
        html.Append(" · ").Append(article.ReadingMinutes.ToString(CultureInfo.InvariantCulture)).Append(' ').AppendHtml(texts.MinutesRead).Append("</p>\n");
    }

    /// <summary>An author's name, linked to their page when the name makes a slug (a name of symbols alone stays text).</summary>
    private static void WriteAuthor(StringBuilder html, string name)
    {
        var slug = Slugs.From(name);
        if (Slugs.IsValid(slug))
        {
            html.Append("<a rel=\"author\" href=\"").Append(SiteUrls.AuthorPath(slug)).Append("\">").AppendHtml(name).Append("</a>");
        }
        else
        {
            html.AppendHtml(name);
        }
    }

    private static void WriteTime(StringBuilder html, DateTimeOffset time, CultureInfo culture) =>
        html.Append("<time datetime=\"").Append(SocialMetaTags.Iso(time)).Append("\">").AppendHtml(time.ToString("D", culture)).Append("</time>");

    /// <summary>The article's tags, each linked to its tag page.</summary>
    private static void WriteTags(StringBuilder html, IReadOnlyList<string> tags, PageTexts texts)
    {
        var linked = tags.Select(tag => (Tag: tag, Slug: Slugs.From(tag))).Where(tag => Slugs.IsValid(tag.Slug)).DistinctBy(tag => tag.Slug).ToList();
        if (linked.Count == 0)
        {
            return;
        }
        html.Append("<nav class=\"tags\" aria-label=\"").AppendHtml(texts.Tags).Append("\"><ul>");
        foreach (var (tag, slug) in linked)
        {
            html.Append("<li><a rel=\"tag\" href=\"").Append(Site.TagFiles.TagPath(slug)).Append("\">").AppendHtml(tag).Append("</a></li>");
        }
        html.Append("</ul></nav>\n");
    }

    /// <summary>
    /// The previous and next articles in the article's first tag, as plain links whose text says which they are: not
    /// rel=prev/next, which name pages of one paged listing.
    /// </summary>
    private static void WriteNeighbours(StringBuilder html, TagNeighbours? neighbours, PageTexts texts)
    {
        if (neighbours is null || neighbours is { Previous: null, Next: null })
        {
            return;
        }
        html.Append("<nav class=\"adjacent\" aria-label=\"").AppendHtml(string.Format(CultureInfo.InvariantCulture, texts.MoreIn, neighbours.Tag)).Append("\"><ul>");
        foreach (var (link, label, side) in (ReadOnlySpan<(PageLink?, string, string)>)[(neighbours.Previous, texts.PreviousArticle, "previous"), (neighbours.Next, texts.NextArticle, "next")])
        {
            if (link is { Href: { } href })
            {
                html.Append("<li class=\"").Append(side).Append("\"><a href=\"").AppendHtml(href).Append("\"><span>").AppendHtml(label).Append("</span> ")
                    .AppendHtml(link.Title).Append("</a></li>");
            }
        }
        html.Append("</ul></nav>\n");
    }

    /// <summary>Share links as plain links to each network's share intent: no script, no button that calls home.</summary>
    private void WriteShareLinks(StringBuilder html, IArticleMetadata article, PageTexts texts)
    {
        var links = _shares.Links(article);
        html.Append("<nav class=\"share\" aria-label=\"").AppendHtml(texts.Share).Append("\"><ul>");
        foreach (var (network, href) in (ReadOnlySpan<(string, string)>)[("X", links.X), ("Facebook", links.Facebook), ("LinkedIn", links.LinkedIn),
                     ("Bluesky", links.Bluesky), ("Mastodon", ShareSnippetBuilder.MastodonPicker(links)), ("WhatsApp", links.WhatsApp), (texts.Email, links.Email)])
        {
            html.Append("<li><a href=\"").AppendHtml(href).Append("\" rel=\"noopener\">").AppendHtml(network).Append("</a></li>");
        }
        html.Append("</ul></nav>\n");
    }

    /// <summary>
    /// A titled list of links; entries without an address stay plain text, so a reader never meets a dead link. A list
    /// that shows only some of its entries ends with <paramref name="others"/>, which says how many it leaves out.
    /// </summary>
    private static void WriteLinks(StringBuilder html, string id, string heading, IReadOnlyList<PageLink> links, string? others = null)
    {
        if (links.Count == 0)
        {
            return;
        }
        html.Append("<aside class=\"").Append(id).Append("\" aria-labelledby=\"").Append(id).Append("-title\">\n<h2 id=\"")
            .Append(id).Append("-title\">").AppendHtml(heading).Append("</h2>\n<ul>\n");
        foreach (var link in links)
        {
            html.Append("<li>");
            if (link.Href is { } href)
            {
                html.Append("<a href=\"").AppendHtml(href).Append("\">").AppendHtml(link.Title).Append("</a>");
            }
            else
            {
                html.AppendHtml(link.Title);
            }
            html.Append("</li>\n");
        }
        html.Append("</ul>\n");
        if (others is not null)
        {
            html.Append("<p>").AppendHtml(others).Append("</p>\n");
        }
        html.Append("</aside>\n");
    }

    /// <summary>
    /// schema.org NewsArticle with what Google's article rich result asks for: the images (the generated 1200×630 card
    /// always among them), an author (the site as an Organization when the article names none) and a publisher with its logo.
    /// Written with <see cref="Utf8JsonWriter"/>, escaped as <see cref="Html.ScriptJson"/> escapes, without a tree of nodes.
    /// </summary>
    private void WriteJsonLd(StringBuilder html, IArticleMetadata article, ShareImage image, ShareImage card)
    {
        var url = urls.Article(article.Slug);
        var site = layout.Site;
        var scratch = JsonScratches.Get();
        var buffer = scratch.Buffer;
        var json = scratch.Writer;
        buffer.ResetWrittenCount();
        json.Reset(buffer);
        json.WriteStartObject();
        json.WriteString("@context", "https://schema.org");
        json.WriteString("@type", "NewsArticle");
        json.WriteString("headline", article.Title);
        json.WriteString("description", article.Description);
        json.WriteStartArray("image");
        json.WriteStringValue(image.Url);
        if (card.Url != image.Url)
        {
            json.WriteStringValue(card.Url);
        }
        json.WriteEndArray();
        json.WriteString("inLanguage", article.Language);
        json.WriteString("url", url);
        json.WriteStartObject("mainEntityOfPage");
        json.WriteString("@type", "WebPage");
        json.WriteString("@id", url);
        json.WriteEndObject();
        json.WriteString("datePublished", SocialMetaTags.Iso(article.Published));
        json.WriteString("dateModified", SocialMetaTags.Iso(article.Modified));
        json.WriteNumber("wordCount", article.WordCount);
        if (article.Authors is [var only])
        {
            json.WriteStartObject("author");
            WritePerson(json, only, article.AuthorUrl);
            json.WriteEndObject();
        }
        else if (article.Authors.Count > 1)
        {
            json.WriteStartArray("author");
            foreach (var name in article.Authors)
            {
                json.WriteStartObject();
                WritePerson(json, name, ownUrl: null);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        else
        {
            json.WriteStartObject("author");
            WriteOrganization(json, site);
            json.WriteEndObject();
        }
        json.WriteStartObject("publisher");
        WriteOrganization(json, site);
        json.WriteStartObject("logo");
        json.WriteString("@type", "ImageObject");
        json.WriteString("url", _logoUrl);
        if (site.LogoUrl is null)
        {
            json.WriteNumber("width", SiteLogo.Width);
            json.WriteNumber("height", SiteLogo.Height);
        }
        json.WriteEndObject();
        json.WriteEndObject();
        if (article.Section is { Length: > 0 } section)
        {
            json.WriteString("articleSection", section);
        }
        if (article.Tags.Count > 0)
        {
            json.WriteStartArray("keywords");
            foreach (var tag in article.Tags)
            {
                json.WriteStringValue(tag);
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
        json.Flush();
        var text = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(buffer.WrittenCount));
        var length = Encoding.UTF8.GetChars(buffer.WrittenSpan, text);
        html.Append(text, 0, length);
        ArrayPool<char>.Shared.Return(text);
        JsonScratches.Return(scratch);
    }

    /// <summary>The structured data's UTF-8 buffer and writer, reused from page to page as the builders are (each is reset before use).</summary>
    private sealed class JsonScratch
    {
        public ArrayBufferWriter<byte> Buffer { get; } = new(2048);

        public Utf8JsonWriter Writer { get; }

        public JsonScratch() => Writer = new Utf8JsonWriter(Buffer, new JsonWriterOptions { Encoder = Html.ScriptJson.Encoder });
    }

    private static readonly ObjectPool<JsonScratch> JsonScratches = new DefaultObjectPool<JsonScratch>(new DefaultPooledObjectPolicy<JsonScratch>());

    /// <summary>An author as a Person: their own page (front matter <c>author_url</c>) when they are the only author, else their page on this site.</summary>
    private void WritePerson(Utf8JsonWriter json, string name, string? ownUrl)
    {
        json.WriteString("@type", "Person");
        json.WriteString("name", name);
        var slug = Slugs.From(name);
        json.WriteString("url", ownUrl ?? (Slugs.IsValid(slug) ? urls.Author(slug) : urls.Home));
    }

    private void WriteOrganization(Utf8JsonWriter json, Configuration.SiteOptions site)
    {
        json.WriteString("@type", "Organization");
        json.WriteString("name", site.Name);
        json.WriteString("url", urls.Home);
    }
}
