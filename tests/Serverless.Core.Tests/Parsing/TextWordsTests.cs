using AnyAscii;
using CsCheck;
using Serverless.Core.Parsing;

namespace Serverless.Core.Tests.Parsing;

/// <summary>
/// The words the parser reads from plain text (for word count, language and terms) are those of the plain definition:
/// runs of letters and digits, each transliterated whole by AnyAscii, split into runs of ASCII letters and digits and
/// lower-cased. The reader folds letter by letter from a table for speed; this checks it never differs.
/// </summary>
public sealed class TextWordsTests
{
    private static readonly long Iterations = GeneratedRuns.Iterations(2000);

    /// <summary>Text as articles hold it, and the edges of the table: Latin letters folding to two letters, letters of other scripts, digits, apostrophes, spaces and marks.</summary>
    private static readonly Gen<string> Text = Gen.OneOf(
            Gen.Char['a', 'z'], Gen.Char['A', 'Z'], Gen.Char['0', '9'], Gen.Char['\u00C0', '\u024F'], Gen.Char['\u0080', '\u00BF'],
            Gen.OneOf<char>('é', 'È', 'ç', 'Æ', 'œ', 'ß', 'ĳ', 'Ǆ', 'ª', 'µ', '²', 'Ω', 'я', 'ق', '中', 'ﬁ', '\u0301'),
            Gen.OneOf<char>(' ', ' ', ' ', '\'', '’', '-', '.', ',', '«', '»', '\u00A0', '\u202F', '\n', '_'))
        .Array[0, 200]
        .Select(chars => new string(chars));

    [Fact]
    public void Words_are_the_runs_of_letters_and_digits_transliterated_whole_and_lower_cased() =>
        Text.Sample(text => Assert.Equal(ExpectedWords(text), ReadWords(text).Words), iter: Iterations);

    [Fact]
    public void Word_count_is_the_space_separated_runs_that_hold_a_letter_or_digit() =>
        Text.Sample(text => Assert.Equal(text.Split(' ').Count(run => run.Any(char.IsLetterOrDigit)), ReadWords(text).Count), iter: Iterations);

    [Theory]
    [InlineData("L'Été de Ærø", "l ete de aero")]
    [InlineData("Straße, Œuvre & Ĳssel", "strasse oeuvre ijssel")]
    [InlineData("Москва 2024", "moskva 2024")]
    public void Latin_and_other_scripts_fold_to_ascii(string text, string words) =>
        Assert.Equal(words, string.Join(' ', ReadWords(text).Words.Select(word => word.Word)));

    [Fact]
    public void A_run_longer_than_64_letters_is_not_a_word() =>
        Assert.Equal(["ok"], ReadWords(new string('x', 65) + " ok").Words.Select(word => word.Word));

    private static (int Count, List<(string Word, int Position, bool Elided)> Words) ReadWords(string text)
    {
        var reader = new Collector { Words = [] };
        var count = TextWords.Read(text, ref reader);
        return (count, reader.Words);
    }

    private struct Collector : IWordReader
    {
        public List<(string Word, int Position, bool Elided)> Words;

        public readonly void Word(ReadOnlySpan<char> word, int position, bool elided) => Words.Add((word.ToString(), position, elided));
    }

    /// <summary>The definition, written plainly: no table, one string per word.</summary>
    private static List<(string Word, int Position, bool Elided)> ExpectedWords(string text)
    {
        var words = new List<(string, int, bool)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                start = start < 0 ? i : start;
                continue;
            }
            if (start < 0)
            {
                continue;
            }
            var word = text[start..i];
            var elided = i < text.Length && text[i] is '\'' or '’';
            if (word.Length <= TextWords.MaxWordLength)
            {
                var ascii = word.Transliterate();
                foreach (var part in ascii.Split(ascii.Where(c => !char.IsAsciiLetterOrDigit(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries))
                {
                    if (part.Length <= TextWords.MaxWordLength)
                    {
                        words.Add((part.ToLowerInvariant(), start, elided));
                    }
                }
            }
            start = -1;
        }
        return words;
    }
}
