using System.Text;
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

    private static readonly System.Buffers.SearchValues<char> Marks = System.Buffers.SearchValues.Create(":;?!«»");

    /// <summary>French as set in France, Belgium and Switzerland; Canadian French sets no space before ';', '?' and '!'.</summary>
    public static bool AppliesTo(string language) =>
        language.Equals("fr", StringComparison.OrdinalIgnoreCase)
        || (language.StartsWith("fr-", StringComparison.OrdinalIgnoreCase) && !language.Equals("fr-CA", StringComparison.OrdinalIgnoreCase));

    public static string Apply(string text)
    {
        if (text.AsSpan().IndexOfAny(Marks) < 0)
        {
            return text;
        }
        var result = new StringBuilder(text.Length + 8);
        for (var index = 0; index < text.Length; index++)
        {
            var c = text[index];
            switch (c)
            {
                case ':':
                    ReplaceSpaceBefore(result, NoBreakSpace, insertIfMissing: false);
                    result.Append(c);
                    break;
                case ';' or '?' or '!':
                    ReplaceSpaceBefore(result, NarrowNoBreakSpace, insertIfMissing: false);
                    result.Append(c);
                    break;
                case '»':
                    ReplaceSpaceBefore(result, NarrowNoBreakSpace, insertIfMissing: true);
                    result.Append(c);
                    break;
                case '«':
                    result.Append(c);
                    if (index + 1 < text.Length && text[index + 1] is ' ' or NoBreakSpace or NarrowNoBreakSpace)
                    {
                        index++;
                        result.Append(NarrowNoBreakSpace);
                    }
                    else if (index + 1 < text.Length && !char.IsWhiteSpace(text[index + 1]))
                    {
                        result.Append(NarrowNoBreakSpace);
                    }
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }
        return result.ToString();
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

    private static void ReplaceSpaceBefore(StringBuilder result, char space, bool insertIfMissing)
    {
        if (result.Length == 0)
        {
            return;
        }
        var previous = result[^1];
        if (previous is ' ' or NoBreakSpace or NarrowNoBreakSpace)
        {
            result[^1] = space;
        }
        else if (insertIfMissing && !char.IsWhiteSpace(previous))
        {
            result.Append(space);
        }
    }
}
