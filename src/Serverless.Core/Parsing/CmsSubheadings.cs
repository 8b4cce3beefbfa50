using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Serverless.Core.Linking;

namespace Serverless.Core.Parsing;

/// <summary>
/// CMS exports have no Markdown headings; their subheadings are short standalone lines between paragraphs, without
/// terminal punctuation. Such lines become level-2 headings, so that the page shows the article's structure.
/// </summary>
internal static partial class CmsSubheadings
{
    /// <summary>Promotes the standalone lines to subheadings; only when the article has no heading of its own.</summary>
    public static void PromoteStandaloneLines(MarkdownDocument document)
    {
        if (document.Descendants<HeadingBlock>().Any())
        {
            return;
        }
        for (var index = 1; index < document.Count - 1; index++)
        {
            // The length first: most paragraphs are too long, and their text need not be taken whole.
            if (document[index] is not ParagraphBlock { Inline: { } inline } paragraph
                || document[index - 1] is not ParagraphBlock
                || document[index + 1] is not ParagraphBlock
                || PlainText.OfAtMost(inline, ArticleParser.MaxSubheadingLength) is not { Length: > 0 } line
                || EndsWithTerminalPunctuation().IsMatch(line)
                || inline.Descendants<Inline>().Any(child => child is LineBreakInline or LinkInline or BodyLinks.MarkerInline))
            {
                continue;
            }
            paragraph.Inline = null;
            var heading = new HeadingBlock(null!) { Level = 2, Inline = inline };
            document[index] = heading;
        }
    }

    [GeneratedRegex(@"[.!?…:;,»""”)\]]$")]
    private static partial Regex EndsWithTerminalPunctuation();
}
