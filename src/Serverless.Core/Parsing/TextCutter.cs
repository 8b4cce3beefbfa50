using System.Globalization;

namespace Serverless.Core.Parsing;

/// <summary>Shortens text at a word boundary, never inside a word, ending with an ellipsis when something was cut.</summary>
public static class TextCutter
{
    public const char Ellipsis = '…';

    public static string Cut(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        if (text.Length <= maxLength)
        {
            return text;
        }
        // Leave room for the ellipsis; then step back to the last space so no word is split.
        var limit = maxLength - 1;
        var cut = text.LastIndexOf(' ', limit);
        if (cut <= 0)
        {
            // No space to cut at (CJK, one long word): cut between graphemes, so that no emoji sequence, flag or
            // letter with its combining accent is split into a broken glyph.
            for (var next = 0; next <= limit; next += StringInfo.GetNextTextElementLength(text, next))
            {
                cut = next;
            }
        }
        return text[..cut].TrimEnd(' ', ',', ';', ':', '-', '–', '—', '(', '«', '\u00A0', '\u202F') + Ellipsis;
    }
}
