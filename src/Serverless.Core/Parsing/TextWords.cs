using System.Text;
using AnyAscii;
using Serverless.Core.Linking;

namespace Serverless.Core.Parsing;

/// <summary>Receives the words of a text from <see cref="TextWords.Read"/>, in order.</summary>
internal interface IWordReader
{
    /// <param name="word">The word folded to lower-case ASCII letters and digits (valid only during the call).</param>
    /// <param name="position">Where the word starts in the text.</param>
    /// <param name="elided">Whether an apostrophe follows it, as after the French "l'" and "d'".</param>
    void Word(ReadOnlySpan<char> word, int position, bool elided);
}

/// <summary>
/// The words of plain text, read in one pass and without a string per word, for everything the parser learns from the
/// body's text: its word count, its language and its terms. A word is a run of letters and digits, folded to
/// lower-case ASCII: ASCII words are lower-cased into a buffer, words in Latin letters folded letter by letter from
/// <see cref="LatinFolds"/>, and only other scripts transliterated whole (AnyAscii over a whole article costs more
/// than the Markdown parse). Apostrophes and hyphens split ("l'Empire" gives "l" and "empire").
/// </summary>
internal static class TextWords
{
    /// <summary>Longer runs of letters are not words (a URL, a hash): they are skipped.</summary>
    public const int MaxWordLength = 64;

    /// <summary>Reads the words of <paramref name="text"/>; returns its word count as readers count words: runs between spaces holding a letter or digit.</summary>
    public static int Read<TReader>(string text, ref TReader reader) where TReader : struct, IWordReader
    {
        Span<char> lower = stackalloc char[MaxWordLength];
        Span<char> folded = stackalloc char[MaxWordLength * LatinFoldMaxLength];
        var words = 0;
        var inSpaced = false;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            if (char.IsLetterOrDigit(c))
            {
                start = start < 0 ? i : start;
                if (!inSpaced)
                {
                    inSpaced = true;
                    words++;
                }
                continue;
            }
            inSpaced &= c != ' ';
            if (start < 0)
            {
                continue;
            }
            var word = text.AsSpan(start, i - start);
            var position = start;
            start = -1;
            if (word.Length > MaxWordLength)
            {
                continue;
            }
            var elided = c is '\'' or '’';
            if (Ascii.IsValid(word))
            {
                Ascii.ToLower(word, lower, out var written);
                reader.Word(lower[..written], position, elided);
            }
            else if (FoldLatin(word, folded) is var length and >= 0)
            {
                ReadParts(folded[..length], position, elided, lower, ref reader);
            }
            else
            {
                ReadParts(word.ToString().Transliterate(), position, elided, lower, ref reader);
            }
        }
        return words;
    }

    /// <summary>Reads the runs of ASCII letters and digits of a transliterated word ("Æsir" gives "AEsir", "ĳssel" "ijssel").</summary>
    private static void ReadParts<TReader>(ReadOnlySpan<char> ascii, int position, bool elided, Span<char> lower, ref TReader reader)
        where TReader : struct, IWordReader
    {
        var partStart = -1;
        for (var j = 0; j <= ascii.Length; j++)
        {
            if (j < ascii.Length && char.IsAsciiLetterOrDigit(ascii[j]))
            {
                partStart = partStart < 0 ? j : partStart;
            }
            else if (partStart >= 0)
            {
                var part = ascii[partStart..j];
                partStart = -1;
                if (part.Length <= MaxWordLength)
                {
                    Ascii.ToLower(part, lower, out var written);
                    reader.Word(lower[..written], position, elided);
                }
            }
        }
    }

    /// <summary>AnyAscii's transliteration of each character from U+0080 to U+024F (Latin-1 and Latin Extended-A and B).</summary>
    /// <remarks>AnyAscii maps each code point on its own, so a word folded letter by letter is the word transliterated.</remarks>
    private static readonly string[] LatinFolds = [.. Enumerable.Range(0x80, 0x250 - 0x80).Select(c => ((char)c).ToString().Transliterate())];

    private static readonly int LatinFoldMaxLength = Math.Max(1, LatinFolds.Max(fold => fold.Length));

    /// <summary>Writes <paramref name="word"/> folded to ASCII into <paramref name="output"/>; -1 when a letter is outside the Latin table.</summary>
    private static int FoldLatin(ReadOnlySpan<char> word, Span<char> output)
    {
        var length = 0;
        foreach (var c in word)
        {
            if (c < 0x80)
            {
                output[length++] = c;
                continue;
            }
            if (c >= 0x250)
            {
                return -1;
            }
            var fold = LatinFolds[c - 0x80];
            fold.CopyTo(output[length..]);
            length += fold.Length;
        }
        return length;
    }
}

/// <summary>What the parser learns from the words of an article's body, read once: their count, the language they vote for, and the terms (the title's words counted too).</summary>
internal readonly record struct BodyWords(int Count, string? Language, IReadOnlyDictionary<string, int> Terms)
{
    public static BodyWords Read(string title, string bodyText)
    {
        var terms = new Keywords.TermCounter(bodyText.Length);
        terms.ReadTitle(title);
        var reader = new Reader(terms);
        var count = TextWords.Read(bodyText, ref reader);
        return new BodyWords(count, reader.Votes.Language, terms.Terms());
    }

    /// <summary>Hands each word to the term counter and to the language vote.</summary>
    private struct Reader(Keywords.TermCounter terms) : IWordReader
    {
        public LanguageDetector.Votes Votes;

        public void Word(ReadOnlySpan<char> word, int position, bool elided)
        {
            terms.Word(word, position, elided);
            Votes.Word(word, position, elided);
        }
    }
}
