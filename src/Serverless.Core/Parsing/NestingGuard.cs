namespace Serverless.Core.Parsing;

/// <summary>
/// The limits that keep Markdig's recursion safe: text nesting deeper than <see cref="ArticleParser.MaxNestingDepth"/>
/// is refused with one message for the author, in one pass over the text rather than after seconds of Markdig's work,
/// and Markdig's own refusal is given the same message.
/// </summary>
internal static class NestingGuard
{
    /// <summary>The start of the message of the exception Markdig throws past <see cref="ArticleParser.MaxNestingDepth"/>.</summary>
    private const string MarkdigTooDeep = "Markdown elements in the input are too deeply nested";

    /// <summary>Whether Markdig refused the text for nesting past its limit (it says so with an <see cref="ArgumentException"/>).</summary>
    public static bool IsMarkdigRefusal(ArgumentException exception) =>
        exception.Message.StartsWith(MarkdigTooDeep, StringComparison.Ordinal);

    /// <exception cref="ArticleFormatException">The text opens too many blocks on a line, or too many emphases in a paragraph.</exception>
    public static void ThrowIfTooDeep(string text)
    {
        if (OpensTooManyBlocks(text) || OpensTooManyEmphases(text))
        {
            throw TooDeeplyNested();
        }
    }

    public static ArticleFormatException TooDeeplyNested() => new(
        $"The article's Markdown nests more than {ArticleParser.MaxNestingDepth} levels deep (quotes '>', lists, or brackets '[' and emphasis '*' left open): flatten the quotes and lists, and write a bracket or star meant as text as \\[ or \\*.");

    /// <summary>
    /// Whether a line opens more than <see cref="ArticleParser.MaxNestingDepth"/> quotes and list items (<c>&gt;</c>, <c>- </c>,
    /// <c>1. </c>…) before its text. Markdig refuses such a line too, but only after seconds of work on thousands of
    /// levels; this refuses it in one pass. A line of markers alone may be a thematic break (<c>- - -</c>) and is left to Markdig.
    /// </summary>
    private static bool OpensTooManyBlocks(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var rest = line;
            for (var depth = 0; ; depth++)
            {
                rest = rest.TrimStart(" \t");
                var marker = rest switch
                {
                    ['>', ..] => 1,
                    ['-' or '*' or '+', ' ' or '\t', ..] => 2,
                    _ => OrderedListMarkerLength(rest),
                };
                if (marker == 0)
                {
                    break;
                }
                rest = rest[marker..];
                if (depth >= ArticleParser.MaxNestingDepth && !rest.Trim(" \t-*+>").IsEmpty)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// Whether a paragraph opens more than <see cref="ArticleParser.MaxNestingDepth"/> emphasis marks (<c>*</c> or <c>_</c> before a
    /// word) that nothing closes: Markdig spends seconds on such text (50,000 <c>*a </c>) before its own limit trips.
    /// Code blocks and indented lines are skipped, so that code full of pointers (<c>*p</c>) is never mistaken for it.
    /// </summary>
    private static bool OpensTooManyEmphases(string text)
    {
        var unclosed = 0;
        var inFence = false;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = line.TrimStart(' ');
            if (trimmed.StartsWith("```") || trimmed.StartsWith("~~~"))
            {
                inFence = !inFence;
                continue;
            }
            if (trimmed.IsEmpty || inFence || line.Length - trimmed.Length >= 4 || line.StartsWith("\t"))
            {
                unclosed = trimmed.IsEmpty ? 0 : unclosed; // a blank line ends the paragraph
                continue;
            }
            for (var index = 0; index < line.Length; index++)
            {
                // Straight to the next escape or mark: most of a line is neither.
                var next = line[index..].IndexOfAny('\\', '*', '_');
                if (next < 0)
                {
                    break;
                }
                index += next;
                if (line[index] == '\\')
                {
                    index++;
                    continue;
                }
                var start = index;
                while (index + 1 < line.Length && line[index + 1] == line[start])
                {
                    index++;
                }
                var before = start == 0 ? ' ' : line[start - 1];
                var after = index + 1 == line.Length ? ' ' : line[index + 1];
                var opens = !char.IsWhiteSpace(after) && (!char.IsPunctuation(after) || char.IsWhiteSpace(before) || char.IsPunctuation(before));
                var closes = !char.IsWhiteSpace(before) && (!char.IsPunctuation(before) || char.IsWhiteSpace(after) || char.IsPunctuation(after));
                if (closes && unclosed > 0)
                {
                    unclosed--;
                }
                else if (opens && !closes && ++unclosed > ArticleParser.MaxNestingDepth)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>The length of an ordered list marker opening <paramref name="text"/> ("12. ", "3) "); 0 when there is none.</summary>
    private static int OrderedListMarkerLength(ReadOnlySpan<char> text)
    {
        var digits = 0;
        while (digits < text.Length && digits < 9 && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }
        return digits > 0 && text.Length > digits + 1 && text[digits] is '.' or ')' && text[digits + 1] is ' ' or '\t' ? digits + 2 : 0;
    }
}
