using System.Globalization;
using System.Text;
using Serverless.Core.Linking;
using Serverless.Core.Rendering;

namespace Serverless.Core.Images;

/// <summary>
/// An uploaded image in a page: <c>&lt;picture&gt;</c> with a <c>&lt;source&gt;</c> per modern format (AVIF, then WebP)
/// and an <c>&lt;img&gt;</c> in the fallback format, each with every width in <c>srcset</c> and the column's width in
/// <c>sizes</c>, so a phone downloads a file of its screen's width; <c>width</c> and <c>height</c>, so nothing moves as
/// it loads. The page's first image is likely its Largest Contentful Paint: fetched at once and first; later ones
/// load as the reader scrolls to them, decoded off the main thread.
/// </summary>
public static class PictureMarkup
{
    /// <summary>The article column: 42rem wide less 1rem of padding on each side (<see cref="SiteLayout"/>), the screen's width on a phone.</summary>
    public const string Sizes = "(min-width: 42rem) 40rem, calc(100vw - 2rem)";

    /// <summary>Modern formats offered before the fallback, best first: a browser takes the first it decodes.</summary>
    private static readonly string[] SourceTypes = ["image/avif", "image/webp"];

    /// <param name="altHtml">The alt text, already escaped for an attribute.</param>
    /// <param name="first">The page's first image: eager, fetched with high priority.</param>
    public static void Write(StringBuilder html, PublishedImage image, ReadOnlySpan<char> altHtml, bool first)
    {
        var fallback = image.Variants.Where(variant => variant.ContentType == image.ContentType).ToList();
        if (fallback.Count == 0)
        {
            WriteImg(html, image, srcset: null, altHtml, first);
            return;
        }
        html.Append("<picture>");
        foreach (var type in SourceTypes)
        {
            var variants = image.Variants.Where(variant => variant.ContentType == type).ToList();
            if (variants.Count > 0)
            {
                html.Append("<source type=\"").Append(type).Append("\" srcset=\"").Append(SrcSet(variants)).Append("\" sizes=\"").Append(Sizes).Append("\">");
            }
        }
        WriteImg(html, image, SrcSet(fallback), altHtml, first);
        html.Append("</picture>");
    }

    private static void WriteImg(StringBuilder html, PublishedImage image, string? srcset, ReadOnlySpan<char> altHtml, bool first)
    {
        html.Append("<img src=\"").AppendHtml(image.Url).Append('"');
        if (srcset is not null)
        {
            html.Append(" srcset=\"").Append(srcset).Append("\" sizes=\"").Append(Sizes).Append('"');
        }
        html.Append(" width=\"").Append(image.Width.ToString(CultureInfo.InvariantCulture))
            .Append("\" height=\"").Append(image.Height.ToString(CultureInfo.InvariantCulture))
            .Append("\" alt=\"").Append(altHtml).Append('"')
            .Append(first ? " fetchpriority=\"high\">" : " loading=\"lazy\" decoding=\"async\">");
    }

    /// <summary>The URLs are ours (a hash and a slug-like name, <see cref="Http.MediaHandlers"/>): no space or comma to escape.</summary>
    private static string SrcSet(IEnumerable<PublishedVariant> variants) =>
        string.Join(", ", variants.Select(variant => variant.Url + " " + variant.Width.ToString(CultureInfo.InvariantCulture) + "w"));
}
