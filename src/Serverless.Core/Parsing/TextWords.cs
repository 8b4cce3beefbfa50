using System.Buffers;
using System.Runtime.CompilerServices;
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
/// lower-case ASCII as AnyAscii transliterates it ("Été" gives "ete", "Æsir" "aesir"). Letters up to U+024F (every
/// Latin letter of European languages) are folded one by one from a table while the word is read; only words in
/// other scripts are transliterated whole (AnyAscii over a whole article costs more than the Markdown parse).
/// Apostrophes and hyphens split ("l'Empire" gives "l" and "empire").
/// </summary>
internal static class TextWords
{
    /// <summary>Longer runs of letters are not words (a URL, a hash): they are skipped.</summary>
    public const int MaxWordLength = 64;

    /// <summary>Characters from U+0000 to here are folded from <see cref="Folds"/>; beyond it, a letter sends its word to AnyAscii.</summary>
    private const char TableEnd = '\u0250';

    /// <summary>Reads the words of <paramref name="text"/>; returns its word count as readers count words: runs between spaces holding a letter or digit.</summary>
    public static int Read<TReader>(string text, ref TReader reader) where TReader : struct, IWordReader
    {
        var buffer = new FoldedWord();
        Span<char> folded = buffer;
        var folds = Folds;
        var singleFolds = SingleFolds;
        var words = 0;
        var spaced = true; // no word since the last space (or the start)
        var i = 0;
        while (true)
        {
            // Between words. Two tight loops (this one, then the word's) rather than one with a state per character.
            char c;
            while (i < text.Length && (c = text[i]) < TableEnd && folds[c] is null)
            {
                spaced |= c == ' ';
                i++;
            }
            if (i < text.Length && !char.IsLetterOrDigit(text[i]))
            {
                i++; // a mark or space beyond the table
                continue;
            }
            if (i >= text.Length)
            {
                return words;
            }
            if (spaced)
            {
                words++;
                spaced = false;
            }
            var start = i;
            var length = 0;
            var needsSplit = false; // a fold holds a character that is not a letter or digit
            var otherScript = false; // a letter beyond the table: the word is transliterated whole
            for (; i < text.Length; i++)
            {
                c = text[i];
                if (c >= TableEnd)
                {
                    if (!char.IsLetterOrDigit(c))
                    {
                        break;
                    }
                    otherScript = true;
                }
                else if (singleFolds[c] is not '\0' and var single)
                {
                    if (length < folded.Length)
                    {
                        folded[length++] = single; // the common case: one letter for one letter
                    }
                }
                else if (folds[c] is { } fold)
                {
                    needsSplit |= !IsWordRun(fold);
                    if (length + fold.Length <= folded.Length)
                    {
                        fold.CopyTo(folded[length..]);
                        length += fold.Length;
                    }
                }
                else
                {
                    break;
                }
            }
            var wordLength = i - start;
            if (wordLength > MaxWordLength)
            {
                continue;
            }
            var elided = i < text.Length && text[i] is '\'' or '’';
            if (otherScript)
            {
                ReadParts(text.Substring(start, wordLength).Transliterate(), start, elided, ref reader);
            }
            else if (needsSplit || length > MaxWordLength)
            {
                ReadParts(folded[..length], start, elided, ref reader);
            }
            else if (length > 0)
            {
                reader.Word(folded[..length], start, elided);
            }
        }
    }

    /// <summary>Reads the runs of ASCII letters and digits of a transliterated word ("Æsir" gives "AEsir", "ĳssel" "ijssel").</summary>
    private static void ReadParts<TReader>(ReadOnlySpan<char> ascii, int position, bool elided, ref TReader reader)
        where TReader : struct, IWordReader
    {
        Span<char> lower = stackalloc char[MaxWordLength];
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

    private static bool IsWordRun(string fold) => !fold.AsSpan().ContainsAnyExcept(AsciiLettersAndDigits);

    private static readonly SearchValues<char> AsciiLettersAndDigits =
        SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>
    /// For each character below <see cref="TableEnd"/>: null when it is not a letter or digit (it ends a word), else
    /// its transliteration by AnyAscii, lower-cased. AnyAscii maps each code point on its own, so a word folded letter
    /// by letter is the word transliterated.
    /// </summary>
    private static readonly string?[] Folds = BuildFolds();

    /// <summary>The fold of each character that folds to exactly one ASCII letter or digit ('É' to 'e'), else '\0'.</summary>
    private static readonly char[] SingleFolds = [.. Folds.Select(fold => fold is [var single] && char.IsAsciiLetterOrDigit(single) ? single : '\0')];

    /// <summary>The longest fold in <see cref="Folds"/> (AnyAscii's 'Æ' to "AE"), checked when the table is built.</summary>
    private const int MaxFoldLength = 2;

    /// <summary>A word of up to <see cref="MaxWordLength"/> characters, folded; on the stack, without stackalloc, so that the reading method is tiered and optimised as usual.</summary>
    [InlineArray(MaxWordLength * MaxFoldLength)]
    private struct FoldedWord
    {
        private char _first;
    }

    private static string?[] BuildFolds()
    {
        var folds = Enumerable.Range(0, TableEnd).Select(code => (char)code)
            .Select(c => char.IsLetterOrDigit(c) ? c.ToString().Transliterate().ToLowerInvariant() : null)
            .ToArray();
        var longest = folds.Max(fold => fold?.Length ?? 0);
        return longest <= MaxFoldLength
            ? folds
            : throw new InvalidOperationException($"A letter folds to {longest} characters, more than {nameof(MaxFoldLength)} ({MaxFoldLength}): raise it.");
    }
}

/// <summary>What the parser learns from the words of an article's body, read once: their count, the language they vote for, and the terms (the title's words counted too).</summary>
internal readonly record struct BodyWords(int Count, string? Language, IReadOnlyDictionary<string, int> Terms)
{
    public static BodyWords Read(string title, string bodyText)
    {
        using var table = new Keywords.TermTable(bodyText.Length);
        var terms = new Keywords.TermCounter(table);
        terms.ReadTitle(title);
        var reader = new Reader(terms);
        var count = TextWords.Read(bodyText, ref reader);
        return new BodyWords(count, reader.Votes.Language, table.Top());
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
