using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace Serverless.Core.Parsing;

/// <summary>
/// Where the front matter sits in an upload, and taking it out of the parsed document. Markdig takes a front matter
/// only on the very first line, so blank lines before it are skipped, and counted so that messages give lines in the file.
/// </summary>
internal static class FrontMatterBlock
{
    /// <summary>Where the first line with any text starts, and how many blank lines come before it.</summary>
    public static int SkipBlankLines(string text, out int blankLines)
    {
        blankLines = 0;
        var lineStart = 0;
        for (var index = 0; index < text.Length && text[index] is ' ' or '\t' or '\r' or '\n'; index++)
        {
            // A line ends with "\n", "\r\n" or a lone "\r".
            if (text[index] == '\n' || (text[index] == '\r' && (index + 1 == text.Length || text[index + 1] != '\n')))
            {
                blankLines++;
                lineStart = index + 1;
            }
        }
        return lineStart;
    }

    /// <summary>The front matter of the document (removed from it), or <see cref="FrontMatter.Empty"/> when it has none.</summary>
    /// <param name="fenceLine">The file's line number of the text's first line, where a front matter opens.</param>
    /// <param name="bodyStart">Where the text after the front matter starts; 0 without one.</param>
    public static FrontMatter Take(MarkdownDocument document, string text, int fenceLine, out int bodyStart)
    {
        bodyStart = 0;
        if (document.Count == 0 || document[0] is not YamlFrontMatterBlock block)
        {
            return FrontMatter.IsOpenedButNeverClosed(text)
                ? throw new ArticleFormatException(
                    $"The front matter opened by '---' on line {fenceLine} is never closed: add a line with '---' after its last field.")
                : FrontMatter.Empty;
        }
        document.RemoveAt(0);
        bodyStart = Math.Min(text.Length, block.Span.End + 1);
        return FrontMatter.Parse(block.Lines.ToString(), firstLine: fenceLine + 1);
    }
}
