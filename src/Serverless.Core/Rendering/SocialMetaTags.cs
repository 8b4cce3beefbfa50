using System.Globalization;
using System.Text;
using Serverless.Core.Articles;
using Serverless.Core.Configuration;
using Serverless.Core.Parsing;

namespace Serverless.Core.Rendering;

/// <summary>
/// The head tags X/Twitter, Facebook, LinkedIn, Bluesky, Slack, Discord and Mastodon read when a link is posted:
/// description, canonical URL, Open Graph (og:, og:image:*, article:*), Twitter card, and the feed and oEmbed
/// discovery links (and, while ActivityPub is on, the article's ActivityStreams copy). Every URL is absolute. Shared
/// by pages and share snippets.
/// </summary>
public sealed class SocialMetaTags(SiteOptions site, SiteUrls urls, Microsoft.Extensions.Options.IOptions<ActivityPub.ActivityPubOptions>? activityPub = null)
{
    private readonly bool _activityPub = activityPub?.Value.Enabled == true;

    /// <summary>Limits from the X cards markup reference.</summary>
    public const int TwitterTitleMax = 70, TwitterDescriptionMax = 200, TwitterImageAltMax = 420;

    /// <summary>The generated share card's size: the 1.91:1 image every platform shows large.</summary>
    public const int CardWidth = 1200, CardHeight = 630;

    /// <summary>
    /// The image to share: the article's own as resolved at render time, else an external image URL it names, else
    /// the card generated for it (always there: a preview never lacks an image).
    /// </summary>
    /// <param name="card">The article's <see cref="Card"/> when the caller already has it: its version is a hash worth computing once.</param>
    public ShareImage ImageOf(IArticleMetadata article, ShareImage? resolved = null, ShareImage? card = null)
    {
        if (resolved is not null)
        {
            return resolved;
        }
        var alt = article.ImageAlt is { Length: > 0 } given ? given : article.Title;
        // An http(s) URL or a path on the site is used as written, its size unknown; a path relative to the article
        // names an uploaded image, which is only shared once resolved.
        if (article.Image is { } image && (image.StartsWith('/') || (Uri.TryCreate(image, UriKind.Absolute, out var external) && external.Scheme is "http" or "https")))
        {
            var url = urls.Absolute(image);
            return new ShareImage(url, null, null, ContentTypeOf(new Uri(url).AbsolutePath), alt);
        }
        return card ?? Card(article);
    }

    /// <summary>The generated 1200×630 card of the article.</summary>
    public ShareImage Card(IArticleMetadata article) =>
        new(urls.ShareCard(article.Slug, CardVersion(article)), CardWidth, CardHeight, "image/png",
            article.ImageAlt is { Length: > 0 } alt ? alt : article.Title);

    public string Render(IArticleMetadata article, ShareImage? resolvedImage = null)
    {
        var builder = new StringBuilder(3072);
        Write(builder, article, ImageOf(article, resolvedImage), article.AuthorFediverse);
        return builder.ToString();
    }

    /// <summary>
    /// Writes the tags into a page being built, <paramref name="image"/> being the article's <see cref="ImageOf">shared
    /// image</see> and <paramref name="fediverse"/> its author's handle (the front matter's, or their profile's).
    /// </summary>
    public void Write(StringBuilder builder, IArticleMetadata article, ShareImage image, string? fediverse)
    {
        var url = urls.Article(article.Slug);
        Name(builder, "description", article.Description);
        Link(builder, "canonical", url);
        Link(builder, "alternate", urls.RssFeed, "application/rss+xml", site.Name);
        Link(builder, "alternate", urls.AtomFeed, "application/atom+xml", site.Name);
        Link(builder, "alternate", urls.Oembed(url), "application/json+oembed", article.Title);
        if (_activityPub)
        {
            Link(builder, "alternate", url, ActivityPub.ActivityStreams.ContentType); // the fediverse's copy, by content negotiation
        }

        Property(builder, "og:type", "article");
        Property(builder, "og:site_name", site.Name);
        Property(builder, "og:title", article.Title);
        Property(builder, "og:description", article.Description);
        Property(builder, "og:url", url);
        Property(builder, "og:locale", OpenGraphLocale.For(article.Language));
        Property(builder, "og:image", image.Url);
        if (image.ContentType is { } type)
        {
            Property(builder, "og:image:type", type);
        }
        if (image is { Width: { } width, Height: { } height })
        {
            Property(builder, "og:image:width", width.ToString(CultureInfo.InvariantCulture));
            Property(builder, "og:image:height", height.ToString(CultureInfo.InvariantCulture));
        }
        Property(builder, "og:image:alt", image.Alt);
        Property(builder, "article:published_time", Iso(article.Published));
        Property(builder, "article:modified_time", Iso(article.Modified));
        if ((article.AuthorUrl ?? article.Author) is { Length: > 0 } author)
        {
            Property(builder, "article:author", author);
        }
        if (article.Section is { Length: > 0 } section)
        {
            Property(builder, "article:section", section);
        }
        foreach (var tag in article.Tags)
        {
            Property(builder, "article:tag", tag);
        }

        Name(builder, "twitter:card", "summary_large_image");
        Name(builder, "twitter:title", TextCutter.Cut(article.Title, TwitterTitleMax));
        Name(builder, "twitter:description", TextCutter.Cut(article.Description, TwitterDescriptionMax));
        Name(builder, "twitter:image", image.Url);
        Name(builder, "twitter:image:alt", TextCutter.Cut(image.Alt, TwitterImageAltMax));
        if (site.XHandleWithAt is { } handle)
        {
            Name(builder, "twitter:site", handle);
        }
        if (article.AuthorHandle is { } creator)
        {
            Name(builder, "twitter:creator", creator);
        }

        // Slack shows these as fields under the text; Discord colours its embed with theme-color; Mastodon links the
        // byline to the author's fediverse account.
        var texts = PageTexts.For(article.Language);
        Name(builder, "twitter:label1", texts.ReadingTime);
        Name(builder, "twitter:data1", article.ReadingMinutes.ToString(CultureInfo.InvariantCulture) + " " + texts.MinutesRead);
        if (article.Section is { Length: > 0 } shownSection)
        {
            Name(builder, "twitter:label2", texts.Section);
            Name(builder, "twitter:data2", shownSection);
        }
        else if (article.Author is { Length: > 0 } shownAuthor)
        {
            Name(builder, "twitter:label2", texts.By);
            Name(builder, "twitter:data2", shownAuthor);
        }
        Name(builder, "theme-color", site.AccentColor);
        if (fediverse is not null)
        {
            Name(builder, "fediverse:creator", fediverse);
        }
    }

    public static string Iso(DateTimeOffset date) => date.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    /// <summary>The card's version: its URL changes whenever its picture does (it is served with an immutable cache).</summary>
    public string CardVersion(IArticleMetadata article) => ShareCardRenderer.VersionOf(article, site);

    private static string? ContentTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        _ => null,
    };

    private static void Property(StringBuilder builder, string property, string content) =>
        builder.Append("<meta property=\"").Append(property).Append("\" content=\"").AppendHtml(content).Append("\">\n");

    private static void Name(StringBuilder builder, string name, string content) =>
        builder.Append("<meta name=\"").Append(name).Append("\" content=\"").AppendHtml(content).Append("\">\n");

    private static void Link(StringBuilder builder, string rel, string href, string? type = null, string? title = null)
    {
        builder.Append("<link rel=\"").Append(rel).Append('"');
        if (type is not null)
        {
            builder.Append(" type=\"").Append(type).Append('"');
        }
        builder.Append(" href=\"").AppendHtml(href).Append('"');
        if (title is not null)
        {
            builder.Append(" title=\"").AppendHtml(title).Append('"');
        }
        builder.Append(">\n");
    }
}
