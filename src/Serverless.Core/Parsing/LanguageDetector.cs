using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using AnyAscii;

namespace Serverless.Core.Parsing;

/// <summary>
/// Guesses the language of prose from its most frequent function words, as the words of <see cref="BodyWords"/> vote. Articles are long enough for this to be
/// reliable for the languages listed; anything unclear returns null so the configured default applies. Only the words
/// of the first <see cref="MaxSampleLength"/> characters vote: a few hundred words decide as well as a whole article,
/// and the cost stops growing with its length.
/// </summary>
public static class LanguageDetector
{
    private static readonly string[] Languages = ["fr", "en", "es", "de"];

    /// <summary>Where words stop voting: about 500 words in.</summary>
    public const int MaxSampleLength = 3000;

    /// <summary>
    /// For each stop word, folded as <see cref="TextWords"/> folds words ("été" as "ete"), a bit mask of the languages
    /// (indexes into <see cref="Languages"/>) it belongs to.
    /// </summary>
    private static readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> StopWords = BuildStopWords(
        "le la les des du un une et est dans pour que qui sur pas par avec au aux ce cette ses son sont ont a été il elle nous vous ils leur mais ou où plus",
        "the and of to is in that for it with as was on are be by this have from or at an not but his her they which were has their will would",
        "el la los las de del que y en un una por con para es se no su al lo como más pero sus le ya o fue este ha",
        "der die das und ist nicht ein eine zu den von mit sich des auf für im dem als auch es an werden aus er hat dass sie nach");

    /// <summary>Minimum stop-word hits before any guess is made.</summary>
    private const int MinimumHits = 3;

    /// <summary>Stop words are short; longer words are skipped without being looked up.</summary>
    private const int MaxWordLength = 8;

    /// <summary>The votes of the words it is given (see <see cref="TextWords"/>), and the language they elect.</summary>
    internal struct Votes : IWordReader
    {
        private Scores _scores;

        public void Word(ReadOnlySpan<char> word, int position, bool elided)
        {
            if (position >= MaxSampleLength || word.Length > MaxWordLength)
            {
                return;
            }
            // Elided French articles ("l'empire", "d'erreur") count as their article.
            if (elided && word is "l" or "d")
            {
                word = word is "l" ? "le" : "de";
            }
            if (StopWords.TryGetValue(word, out var languages))
            {
                for (var language = 0; language < Languages.Length; language++)
                {
                    _scores[language] += languages >> language & 1;
                }
            }
        }

        /// <summary>The language with a clear lead, or null.</summary>
        public readonly string? Language
        {
            get
            {
                var (best, second) = (-1, -1);
                for (var index = 0; index < Languages.Length; index++)
                {
                    if (best < 0 || _scores[index] > _scores[best])
                    {
                        (best, second) = (index, best);
                    }
                    else if (second < 0 || _scores[index] > _scores[second])
                    {
                        second = index;
                    }
                }
                if (_scores[best] < MinimumHits)
                {
                    return null;
                }
                // A clear winner only: mixed or very short text is better served by the configured default.
                return _scores[best] >= _scores[second] * 3 / 2 ? Languages[best] : null;
            }
        }
    }

    [InlineArray(4)]
    private struct Scores
    {
        private int _score;
    }

    private static FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> BuildStopWords(params string[] wordsByLanguage) =>
        wordsByLanguage
            .SelectMany((words, language) => words.Split(' ').Select(word => (Word: word.Transliterate().ToLowerInvariant(), Language: language)))
            .GroupBy(entry => entry.Word, StringComparer.Ordinal)
            .ToFrozenDictionary(group => group.Key, group => group.Aggregate(0, (mask, entry) => mask | 1 << entry.Language), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
}
