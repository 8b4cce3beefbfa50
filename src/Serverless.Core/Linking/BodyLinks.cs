using System.Globalization;
using System.Text;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax.Inlines;
using Serverless.Core.Rendering;

namespace Serverless.Core.Linking;

/// <summary>
/// Links to other articles inside the stored body fragment. The parser replaces each by a marker,
/// <c>&lt;a data-link="N"&gt;text&lt;/a&gt;</c> with N the link's index in <see cref="Articles.Article.Links"/>; the page
/// renderer turns each marker into a link to the article it resolves to, or into its plain text. Authors cannot forge a
/// marker: raw HTML is disabled, so every '&lt;' they write is escaped, and no attribute syntax is enabled.
/// </summary>
public static class BodyLinks
{
    private const string MarkerStart = "<a data-link=\"";
    private const string LinkEnd = "</a>";

    /// <summary>Writes the fragment with each marker resolved: <paramref name="hrefOf"/> gives the target's URL, or null to keep only the text.</summary>
    public static void WriteResolved(StringBuilder output, string bodyHtml, Func<int, string?> hrefOf)
    {
        var position = 0;
        while (true)
        {
            var start = bodyHtml.IndexOf(MarkerStart, position, StringComparison.Ordinal);
            if (start < 0)
            {
                output.Append(bodyHtml, position, bodyHtml.Length - position);
                return;
            }
            output.Append(bodyHtml, position, start - position);
            var indexStart = start + MarkerStart.Length;
            var indexEnd = bodyHtml.IndexOf('"', indexStart);
            var index = int.Parse(bodyHtml.AsSpan(indexStart, indexEnd - indexStart), CultureInfo.InvariantCulture);
            var contentStart = indexEnd + 2; // past '">'
            // Links cannot contain links (CommonMark), so the next </a> closes this one.
            var contentEnd = bodyHtml.IndexOf(LinkEnd, contentStart, StringComparison.Ordinal);
            if (hrefOf(index) is { } href)
            {
                output.Append("<a href=\"").AppendHtml(href).Append("\">")
                    .Append(bodyHtml, contentStart, contentEnd - contentStart).Append(LinkEnd);
            }
            else
            {
                output.Append(bodyHtml, contentStart, contentEnd - contentStart);
            }
            position = contentEnd + LinkEnd.Length;
        }
    }

    /// <summary>The Markdig inline that stands for a link to another article until rendering.</summary>
    internal sealed class MarkerInline(int index) : ContainerInline
    {
        public int Index { get; } = index;
    }

    /// <summary>Writes <see cref="MarkerInline"/> as a marker; registered on the renderer that produces the stored fragment.</summary>
    internal sealed class MarkerRenderer : HtmlObjectRenderer<MarkerInline>
    {
        protected override void Write(HtmlRenderer renderer, MarkerInline link)
        {
            if (!renderer.EnableHtmlForInline)
            {
                renderer.WriteChildren(link);
                return;
            }
            renderer.Write(MarkerStart).Write(link.Index.ToString(CultureInfo.InvariantCulture)).Write("\">");
            renderer.WriteChildren(link);
            renderer.Write(LinkEnd);
        }
    }
}
