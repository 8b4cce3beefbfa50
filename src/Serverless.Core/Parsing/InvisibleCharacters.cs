using System.Buffers;
using System.Text;

namespace Serverless.Core.Parsing;

/// <summary>
/// The control characters (Unicode category Cc) other than tab and line breaks, and U+FFFE and U+FFFF: they show as
/// nothing, and no HTML or XML output (pages, feeds) may hold them, so they are taken out before parsing.
/// </summary>
internal static class InvisibleCharacters
{
    private static readonly SearchValues<char> Characters = SearchValues.Create(
        [.. Enumerable.Range(0, 0xA0).Select(code => (char)code).Where(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')), '\uFFFE', '\uFFFF']);

    /// <summary>The text without invisible characters; the same string when it has none, as nearly every upload.</summary>
    public static string Remove(string text)
    {
        var rest = text.AsSpan();
        var next = rest.IndexOfAny(Characters);
        if (next < 0)
        {
            return text;
        }
        var kept = new StringBuilder(text.Length);
        while (next >= 0)
        {
            kept.Append(rest[..next]);
            rest = rest[(next + 1)..];
            next = rest.IndexOfAny(Characters);
        }
        return kept.Append(rest).ToString();
    }
}
