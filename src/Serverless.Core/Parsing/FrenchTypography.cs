using System.Buffers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Serverless.Core.Parsing;

/// <summary>
/// French spacing of high punctuation, as French publishers set it: a no-break space (U+00A0) before ':' and a narrow
/// no-break space (U+202F) before ';', '?', '!' and '»' and after '«', so that a line never starts with them. Only
/// the text readers see changes: code, URLs and attributes are left as written. A space is added where a guillemet
/// has none; before the other marks only an existing space is replaced, so "10:30", "Yahoo!" and "?!" stay as they are.
/// </summary>
public static class FrenchTypography
{
    public const char NoBreakSpace = '\u00A0';
    public const char NarrowNoBreakSpace = '\u202F';

    private static readonly SearchValues<char> Marks = SearchValues.Create(":;?!«»");

    /// <summary>French as set in France, Belgium and Switzerland; Canadian French sets no space before ';', '?' and '!'.</summary>
    public static bool AppliesTo(string language) =>
        language.Equals("fr", StringComparison.OrdinalIgnoreCase)
        || (language.StartsWith("fr-", StringComparison.OrdinalIgnoreCase) && !language.Equals("fr-CA", StringComparison.OrdinalIgnoreCase));

    public static string Apply(string text)
    {
        var rest = text.AsSpan();
        var next = rest.IndexOfAny(Marks);
        if (next < 0)
        {
            return text;
        }
        // Each mark adds at most one space, so the result fits in twice the length.
        var buffer = ArrayPool<char>.Shared.Rent(text.Length * 2);
        var length = 0;
        while (next >= 0)
        {
            // The text up to the mark is copied at once, then the mark and its spacing.
            rest[..next].CopyTo(buffer.AsSpan(length));
            length += next;
            var mark = rest[next];
            rest = rest[(next + 1)..];
            switch (mark)
            {
                case ':':
                    length = ReplaceSpaceBefore(buffer, length, NoBreakSpace, insertIfMissing: false);
                    break;
                case ';' or '?' or '!':
                    length = ReplaceSpaceBefore(buffer, length, NarrowNoBreakSpace, insertIfMissing: false);
                    break;
                case '»':
                    length = ReplaceSpaceBefore(buffer, length, NarrowNoBreakSpace, insertIfMissing: true);
                    break;
            }
            buffer[length++] = mark;
            if (mark == '«' && !rest.IsEmpty)
            {
                if (rest[0] is ' ' or NoBreakSpace or NarrowNoBreakSpace)
                {
                    rest = rest[1..];
                    buffer[length++] = NarrowNoBreakSpace;
                }
                else if (!char.IsWhiteSpace(rest[0]))
                {
                    buffer[length++] = NarrowNoBreakSpace;
                }
            }
            next = rest.IndexOfAny(Marks);
        }
        rest.CopyTo(buffer.AsSpan(length));
        length += rest.Length;
        var result = new string(buffer, 0, length);
        ArrayPool<char>.Shared.Return(buffer);
        return result;
    }

    /// <summary>Applies the spacing to every piece of text of a parsed Markdown body (code spans and blocks are not text).</summary>
    public static void Apply(MarkdownDocument document)
    {
        InlineWalk.Visit(document, inline =>
        {
            // Most pieces of text hold no mark: they are left as they are, without a copy.
            if (inline is LiteralInline literal && literal.Content.AsSpan().IndexOfAny(Marks) >= 0)
            {
                literal.Content = new Markdig.Helpers.StringSlice(Apply(literal.Content.ToString()));
            }
        });
    }

    /// <summary>The space before a mark, written last into <paramref name="buffer"/>, becomes <paramref name="space"/>; returns the new length.</summary>
    private static int ReplaceSpaceBefore(char[] buffer, int length, char space, bool insertIfMissing)
    {
        if (length == 0)
        {
            return length;
        }
        var previous = buffer[length - 1];
        if (previous is ' ' or NoBreakSpace or NarrowNoBreakSpace)
        {
            buffer[length - 1] = space;
        }
        else if (insertIfMissing && !char.IsWhiteSpace(previous))
        {
            buffer[length++] = space;
        }
        return length;
    }
}
