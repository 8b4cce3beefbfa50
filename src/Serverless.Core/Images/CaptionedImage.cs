using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Serverless.Core.Parsing;

namespace Serverless.Core.Images;

/// <summary>
/// An uploaded image alone in its paragraph with a caption: its Markdown title (<c>![alt](photo.jpg "Caption")</c>)
/// or the italic line right after it (<c>*Caption*</c>). The paragraph becomes a <c>&lt;figure&gt;</c> whose
/// <c>&lt;figcaption&gt;</c> holds the caption as text; the image's marker inside it is resolved at render time.
/// </summary>
internal sealed class CaptionedImage : LeafBlock
{
    private CaptionedImage(string caption) : base(null) => Caption = caption;

    public string Caption { get; }

    /// <summary>
    /// The caption of <paramref name="image"/> when it is alone in its paragraph with one, the italic line taken out of
    /// the paragraph; null otherwise (an image among text keeps its paragraph and shows no caption).
    /// </summary>
    public static string? TakeCaption(LinkInline image)
    {
        if (image.Parent is not { Parent: null, ParentBlock: ParagraphBlock } || image.PreviousSibling is not null)
        {
            return null;
        }
        if (image.NextSibling is null)
        {
            return image.Title is { Length: > 0 } title ? title : null;
        }
        if (image.NextSibling is LineBreakInline lineBreak && lineBreak.NextSibling is EmphasisInline { DelimiterCount: 1, NextSibling: null } emphasis)
        {
            var caption = PlainText.Of(emphasis);
            emphasis.Remove();
            lineBreak.Remove();
            return caption;
        }
        return null;
    }

    /// <summary>Puts a figure in the place of the paragraph that holds <paramref name="marker"/> and nothing else.</summary>
    public static void Wrap(Inline marker, string caption)
    {
        var paragraph = (ParagraphBlock)marker.Parent!.ParentBlock!;
        var container = paragraph.Parent!;
        // The marker is the paragraph's only inline (TakeCaption took the caption out); it moves to the figure's own root.
        marker.Remove();
        var inline = new ContainerInline();
        inline.AppendChild(marker);
        container[container.IndexOf(paragraph)] = new CaptionedImage(caption) { Inline = inline };
    }

    /// <summary>Writes the figure; registered on the renderer of the stored fragment.</summary>
    internal sealed class Renderer : HtmlObjectRenderer<CaptionedImage>
    {
        protected override void Write(HtmlRenderer renderer, CaptionedImage figure)
        {
            renderer.Write("<figure>");
            renderer.WriteLeafInline(figure);
            renderer.Write("<figcaption>").WriteEscape(figure.Caption).Write("</figcaption></figure>").WriteLine();
        }
    }
}
