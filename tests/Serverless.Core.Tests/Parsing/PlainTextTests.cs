using CsCheck;
using Serverless.Core.Parsing;

namespace Serverless.Core.Tests.Parsing;

/// <summary>Plain text is collapsed as titles, descriptions and word counts need it, whatever the spaces and control characters in it.</summary>
public sealed class PlainTextTests
{
    private static readonly long Iterations = GeneratedRuns.Iterations(2000);

    private static readonly Gen<string> Text = Gen.OneOf(
            Gen.Char['a', 'e'], Gen.OneOf<char>('é', 'Ω', '中'),
            Gen.OneOf<char>(' ', ' ', ' ', '\t', '\n', '\r', '\u0085', '\u2003', '\u3000', '\u00A0', '\u202F', '\u0007', '\u001B', '\u009F'))
        .Array[0, 60]
        .Select(chars => new string(chars));

    [Fact]
    public void Collapsed_text_drops_control_characters_turns_each_run_of_white_space_into_one_space_and_trims() =>
        Text.Sample(text => Assert.Equal(Expected(text), PlainText.Collapse(text)), iter: Iterations);

    [Fact]
    public void No_break_spaces_are_kept_as_written() =>
        Assert.Equal("10\u00A0€ et «\u202Fça\u202F»", PlainText.Collapse("  10\u00A0€   et\n«\u202Fça\u202F»  "));

    /// <summary>The definition, written plainly; the no-break spaces (U+00A0, U+202F) are not white space to collapse.</summary>
    private static string Expected(string text)
    {
        static bool Collapsed(char c) => char.IsWhiteSpace(c) && c is not '\u00A0' and not '\u202F';
        var words = new string([.. text.Where(c => Collapsed(c) || !char.IsControl(c))])
            .Split(text.Where(Collapsed).Distinct().Append(' ').ToArray(), StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words);
    }
}
