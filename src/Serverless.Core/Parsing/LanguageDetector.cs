using System.Collections.Frozen;

namespace Serverless.Core.Parsing;

/// <summary>
/// Guesses the language of prose from its most frequent function words. Articles are long enough for this to be
/// reliable for the languages listed; anything unclear returns null so the configured default applies.
/// </summary>
public static class LanguageDetector
{
    private static readonly FrozenDictionary<string, FrozenSet<string>> StopWords = new Dictionary<string, FrozenSet<string>>
    {
        ["fr"] = Set("le la les des du un une et est dans pour que qui sur pas par avec au aux ce cette ses son sont ont a été il elle nous vous ils leur mais ou où plus"),
        ["en"] = Set("the and of to is in that for it with as was on are be by this have from or at an not but his her they which were has their will would"),
        ["es"] = Set("el la los las de del que y en un una por con para es se no su al lo como más pero sus le ya o fue este ha"),
        ["de"] = Set("der die das und ist nicht ein eine zu den von mit sich des auf für im dem als auch es an werden aus er hat dass sie nach"),
    }.ToFrozenDictionary();

    /// <summary>Minimum stop-word hits before any guess is made.</summary>
    private const int MinimumHits = 3;

    public static string? Detect(string text)
    {
        var scores = new Dictionary<string, int>();
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var word = token.Trim(Punctuation).ToLowerInvariant();
            // Elided French articles ("l'empire", "d'erreur") count as their article.
            if (word.Length > 2 && (word[1] == '\'' || word[1] == '’'))
            {
                word = word[..1] == "l" ? "le" : word[..1] == "d" ? "de" : word;
            }
            foreach (var (language, words) in StopWords)
            {
                if (words.Contains(word))
                {
                    scores[language] = scores.GetValueOrDefault(language) + 1;
                }
            }
        }
        var ranked = scores.OrderByDescending(pair => pair.Value).ToList();
        if (ranked.Count == 0 || ranked[0].Value < MinimumHits)
        {
            return null;
        }
        // A clear winner only: mixed or very short text is better served by the configured default.
        return ranked.Count == 1 || ranked[0].Value >= ranked[1].Value * 3 / 2 ? ranked[0].Key : null;
    }

    private static readonly char[] Punctuation = ".,;:!?«»\"“”()[]*_…".ToCharArray();

    private static FrozenSet<string> Set(string words) => words.Split(' ').ToFrozenSet(StringComparer.Ordinal);
}
