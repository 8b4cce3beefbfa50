using System.Text;

namespace Serverless.Core.Parsing;

/// <summary>Text in Unicode normalization form C, as titles, slugs and words are compared.</summary>
internal static class Nfc
{
    /// <summary>
    /// <paramref name="text"/> in form C; the same string when it already is, as nearly every upload. Text below U+0300
    /// (ASCII, Latin-1, the Latin extensions, IPA and spacing modifiers) is form C whatever its order, since no character
    /// there decomposes or combines: it is recognised in one vectorised pass, without asking ICU.
    /// </summary>
    public static string Normalize(string text) =>
        !text.AsSpan().ContainsAnyInRange('\u0300', '\uFFFF') || text.IsNormalized(NormalizationForm.FormC)
            ? text
            : text.Normalize(NormalizationForm.FormC);
}
