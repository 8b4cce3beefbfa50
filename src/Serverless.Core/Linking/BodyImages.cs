using System.Globalization;
using System.Text;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax.Inlines;
using Serverless.Core.Images;
using Serverless.Core.Rendering;

namespace Serverless.Core.Linking;

/// <summary>
/// Images uploaded beside an article, inside the stored body fragment. The parser replaces each image with a relative
/// path by a marker, <c>&lt;img data-image="N" alt="…"&gt;</c> with N the image's index in
/// <see cref="Articles.Article.Images"/>; the page renderer turns each marker into the published image with its size, or,
/// while the image is not published, into its alt text. Authors cannot forge a marker: raw HTML is disabled.
/// </summary>
public static class BodyImages
{
    private const string MarkerStart = "<img data-image=\"";
    private const string AltStart = " alt=\"";
    private const string MarkerEnd = "\">";

    /// <summary>The fragment with each marker resolved: <paramref name="imageOf"/> gives the published image, or null to keep only the alt text.</summary>
    public static string Resolve(string bodyHtml, Func<int, PublishedImage?> imageOf)
    {
        var start = bodyHtml.IndexOf(MarkerStart, StringComparison.Ordinal);
        if (start < 0)
        {
            return bodyHtml;
        }
        var output = new StringBuilder(bodyHtml.Length + 256);
        var position = 0;
        var shown = false;
        while (start >= 0)
        {
            output.Append(bodyHtml, position, start - position);
            var indexStart = start + MarkerStart.Length;
            var indexEnd = bodyHtml.IndexOf('"', indexStart);
            var index = int.Parse(bodyHtml.AsSpan(indexStart, indexEnd - indexStart), CultureInfo.InvariantCulture);
            var altStart = indexEnd + 1 + AltStart.Length;
            // The alt text is escaped: no '"' inside, so the next '">' ends the marker.
            var altEnd = bodyHtml.IndexOf(MarkerEnd, altStart, StringComparison.Ordinal);
            if (imageOf(index) is { } image)
            {
                PictureMarkup.Write(output, image, bodyHtml.AsSpan(altStart, altEnd - altStart), first: !shown);
                shown = true;
            }
            else
            {
                output.Append(bodyHtml, altStart, altEnd - altStart);
            }
            position = altEnd + MarkerEnd.Length;
            start = bodyHtml.IndexOf(MarkerStart, position, StringComparison.Ordinal);
        }
        return output.Append(bodyHtml, position, bodyHtml.Length - position).ToString();
    }

    /// <summary>The Markdig inline that stands for an uploaded image until rendering; its children are the alt text.</summary>
    internal sealed class MarkerInline(int index) : ContainerInline
    {
        public int Index { get; } = index;
    }

    /// <summary>Writes <see cref="MarkerInline"/> as a marker; registered on the renderer that produces the stored fragment.</summary>
    internal sealed class MarkerRenderer : HtmlObjectRenderer<MarkerInline>
    {
        protected override void Write(HtmlRenderer renderer, MarkerInline image)
        {
            if (!renderer.EnableHtmlForInline)
            {
                renderer.WriteChildren(image);
                return;
            }
            renderer.Write(MarkerStart).Write(image.Index.ToString(CultureInfo.InvariantCulture)).Write('"').Write(AltStart);
            renderer.EnableHtmlForInline = false;
            renderer.WriteChildren(image);
            renderer.EnableHtmlForInline = true;
            renderer.Write(MarkerEnd);
        }
    }
}

/// <summary>
/// A published image as a page shows it: the largest variant's absolute URL and size in pixels (written into
/// &lt;img&gt;, so nothing moves as it loads), every variant for <c>srcset</c>, and the cropped copy shared as og:image.
/// </summary>
public sealed record PublishedImage(string Url, int Width, int Height, string ContentType)
{
    /// <summary>Every variant, narrowest first; empty for an image published before variants existed.</summary>
    public IReadOnlyList<PublishedVariant> Variants { get; init; } = [];

    /// <summary>The 1.91:1 JPEG made for sharing; null for an image published before it existed (the image itself is shared).</summary>
    public PublishedImage? Share { get; init; }

    /// <summary>What the page shares of this image, with <paramref name="alt"/>: the copy made for sharing when there is one.</summary>
    public ShareImage ShareImage(string alt) => Share is { } share
        ? new ShareImage(share.Url, share.Width, share.Height, share.ContentType, alt)
        : new ShareImage(Url, Width, Height, ContentType, alt);
}

/// <summary>One file of a published image: absolute URL, type and width, for <c>srcset</c>.</summary>
public sealed record PublishedVariant(string Url, string ContentType, int Width);
