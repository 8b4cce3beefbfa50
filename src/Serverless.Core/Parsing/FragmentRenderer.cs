using System.Globalization;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Serverless.Core.Linking;

namespace Serverless.Core.Parsing;

/// <summary>
/// The body fragment's renderer: the pipeline's, with the markers of links and uploaded images. One per thread is kept
/// and reused, as Markdig's own <see cref="Markdown.ToHtml(string, MarkdownPipeline?, MarkdownParserContext?)"/> reuses
/// its renderers: setting one up (the pipeline's thirty-odd object renderers) costs as much as rendering a short article.
/// </summary>
internal sealed class FragmentRenderer : HtmlRenderer
{
    /// <summary>A buffer grown past this by a long article is let go rather than kept for the thread's life.</summary>
    private const int MaxKeptCapacity = 256 * 1024;

    [ThreadStatic]
    private static FragmentRenderer? cachedRenderer;

    private FragmentRenderer() : base(new StringWriter(CultureInfo.InvariantCulture))
    {
        MarkdownPipelines.Article.Setup(this);
        ObjectRenderers.Insert(0, new BodyLinks.MarkerRenderer());
        ObjectRenderers.Insert(0, new BodyImages.MarkerRenderer());
        ObjectRenderers.Insert(0, new Images.CaptionedImage.Renderer());
    }

    /// <summary>The document's HTML, rendered by this thread's renderer.</summary>
    public static string ToHtml(MarkdownDocument document)
    {
        // Taken while in use: a render that throws never hands its half-written state to the next one.
        var renderer = cachedRenderer ?? new FragmentRenderer();
        cachedRenderer = null;
        var html = renderer.RenderToString(document);
        if (renderer.Capacity <= MaxKeptCapacity)
        {
            cachedRenderer = renderer;
        }
        return html;
    }

    private int Capacity => ((StringWriter)Writer).GetStringBuilder().Capacity;

    private string RenderToString(MarkdownDocument document)
    {
        Render(document);
        var html = Writer.ToString()!;
        Reset();
        return html;
    }
}
