using System.Globalization;
using System.Text;
using Serverless.Core.Articles;
using Serverless.Core.Configuration;
using Serverless.Core.Parsing;

namespace Serverless.Core.Rendering;

/// <summary>
/// The meta-tag block that X/Twitter, Facebook, LinkedIn and Bluesky read when a link is posted: description,
/// canonical URL, Open Graph (og:, article:) and Twitter card tags, all URLs absolute. Shared by pages and share snippets.
/// </summary>
public sealed class SocialMetaTags(SiteOptions site, SiteUrls urls)
{
    /// <summary>Limits from the X cards markup reference.</summary>
    public const int TwitterTitleMax = 70, TwitterDescriptionMax = 200, TwitterImageAltMax = 420;

    /// <summary>The absolute URL of the image to share: the article's own, else the site's default, else none.</summary>
    public string? ImageOf(IArticleMetadata article) =>
        (article.Image ?? site.DefaultImage) is { Length: > 0 } image ? urls.Absolute(image) : null;

    public string Render(IArticleMetadata article)
    {
        var url = urls.Article(article.Slug);
        var image = ImageOf(article);
        var builder = new StringBuilder(2048);
        Name(builder, "description", article.Description);
        builder.Append("<link rel=\"canonical\" href=\"").Append(Html.Encode(url)).Append("\">\n");
        Property(builder, "og:type", "article");
        Property(builder, "og:site_name", site.Name);
        Property(builder, "og:title", article.Title);
        Property(builder, "og:description", article.Description);
        Property(builder, "og:url", url);
        Property(builder, "og:locale", OpenGraphLocale.For(article.Language));
        if (image is not null)
        {
            Property(builder, "og:image", image);
            if (article.ImageAlt is { Length: > 0 } alt)
            {
                Property(builder, "og:image:alt", alt);
            }
        }
        Property(builder, "article:published_time", Iso(article.Published));
        Property(builder, "article:modified_time", Iso(article.Modified));
        foreach (var tag in article.Tags)
        {
            Property(builder, "article:tag", tag);
        }
        Name(builder, "twitter:card", image is null ? "summary" : "summary_large_image");
        Name(builder, "twitter:title", TextCutter.Cut(article.Title, TwitterTitleMax));
        Name(builder, "twitter:description", TextCutter.Cut(article.Description, TwitterDescriptionMax));
        if (image is not null)
        {
            Name(builder, "twitter:image", image);
            if (article.ImageAlt is { Length: > 0 } alt)
            {
                Name(builder, "twitter:image:alt", TextCutter.Cut(alt, TwitterImageAltMax));
            }
        }
        if (site.XHandleWithAt is { } handle)
        {
            Name(builder, "twitter:site", handle);
        }
        return builder.ToString();
    }

    public static string Iso(DateTimeOffset date) => date.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    private static void Property(StringBuilder builder, string property, string content) =>
        builder.Append("<meta property=\"").Append(property).Append("\" content=\"").Append(Html.Encode(content)).Append("\">\n");

    private static void Name(StringBuilder builder, string name, string content) =>
        builder.Append("<meta name=\"").Append(name).Append("\" content=\"").Append(Html.Encode(content)).Append("\">\n");
}
