using System.Buffers;
using System.Collections.Frozen;
using System.Text;

namespace Serverless.Core.Parsing;

/// <summary>
/// Guesses the language of prose from its most frequent function words. Articles are long enough for this to be
/// reliable for the languages listed; anything unclear returns null so the configured default applies. Only the first
/// <see cref="MaxSampleLength"/> characters are read: a few hundred words decide as well as a whole article, and the
/// cost stops growing with its length.
/// </summary>
public static class LanguageDetector
{
    private static readonly string[] Languages = ["fr", "en", "es", "de"];

    /// <summary>For each stop word, the languages (indexes into <see cref="Languages"/>) it belongs to.</summary>
    private static readonly FrozenDictionary<string, int[]> StopWords = BuildStopWords(
        "le la les des du un une et est dans pour que qui sur pas par avec au aux ce cette ses son sont ont a été il elle nous vous ils leur mais ou où plus",
        "the and of to is in that for it with as was on are be by this have from or at an not but his her they which were has their will would",
        "el la los las de del que y en un una por con para es se no su al lo como más pero sus le ya o fue este ha",
        "der die das und ist nicht ein eine zu den von mit sich des auf für im dem als auch es an werden aus er hat dass sie nach");

    private static readonly FrozenDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Minimum stop-word hits before any guess is made.</summary>
    private const int MinimumHits = 3;

    /// <summary>Stop words are short; longer tokens are skipped without being looked up.</summary>
    private const int MaxWordLength = 8;

    /// <summary>The characters read: about 500 words, cut at a word boundary.</summary>
    public const int MaxSampleLength = 3000;

    private static readonly SearchValues<char> Separators = SearchValues.Create(" \t\r\n\u00A0\u202F");

    private static readonly SearchValues<char> Punctuation = SearchValues.Create(".,;:!?«»\"“”()[]*_…");

    public static string? Detect(string text)
    {
        var rest = text.AsSpan();
        if (rest.Length > MaxSampleLength)
        {
            var cut = rest[..(MaxSampleLength + 1)].LastIndexOfAny(Separators);
            rest = rest[..(cut > 0 ? cut : MaxSampleLength)];
        }
        Span<int> scores = stackalloc int[Languages.Length];
        Span<char> lower = stackalloc char[MaxWordLength];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOfAny(Separators);
            var word = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            var first = word.IndexOfAnyExcept(Punctuation);
            word = first < 0 ? [] : word[first..(word.LastIndexOfAnyExcept(Punctuation) + 1)];
            // Elided French articles ("l'empire", "d'erreur") count as their article.
            if (word.Length > 2 && word[1] is '\'' or '’' && word[0] is 'l' or 'L' or 'd' or 'D')
            {
                word = char.ToLowerInvariant(word[0]) == 'l' ? "le" : "de";
            }
            if (word.Length == 0 || word.Length > MaxWordLength)
            {
                continue;
            }
            // Most words are ASCII, whose lower-casing needs no culture data.
            if (Ascii.ToLower(word, lower, out var length) != OperationStatus.Done)
            {
                length = word.ToLowerInvariant(lower);
            }
            if (Lookup.TryGetValue(lower[..length], out var languages))
            {
                foreach (var language in languages)
                {
                    scores[language]++;
                }
            }
        }

        var (best, second) = (-1, -1);
        for (var index = 0; index < scores.Length; index++)
        {
            if (best < 0 || scores[index] > scores[best])
            {
                (best, second) = (index, best);
            }
            else if (second < 0 || scores[index] > scores[second])
            {
                second = index;
            }
        }
        if (scores[best] < MinimumHits)
        {
            return null;
        }
        // A clear winner only: mixed or very short text is better served by the configured default.
        return scores[best] >= scores[second] * 3 / 2 ? Languages[best] : null;
    }

    private static FrozenDictionary<string, int[]> BuildStopWords(params string[] wordsByLanguage) =>
        wordsByLanguage
            .SelectMany((words, language) => words.Split(' ').Select(word => (word, language)))
            .GroupBy(entry => entry.word, StringComparer.Ordinal)
            .ToFrozenDictionary(group => group.Key, group => group.Select(entry => entry.language).ToArray(), StringComparer.Ordinal);
}
