using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text;
using AnyAscii;

namespace Serverless.Core.Linking;

/// <summary>
/// The terms an article is about, for computed relatedness: words folded to lower-case ASCII, French and English stop
/// words and numbers dropped, a plural 's' trimmed, title words counted three times. The corpus then weighs them
/// (TF-IDF, see <see cref="RelatedArticles"/>), so words most articles share ("film", "said") fall away on their own.
/// </summary>
public static class Keywords
{
    /// <summary>Terms kept per article; their document frequencies are counted, and the keywords chosen among them.</summary>
    public const int MaxTerms = 20;

    /// <summary>Terms shorter than this carry no topic ("tv" and "un" alike).</summary>
    private const int MinLength = 3;

    private const int TitleWeight = 3;

    public static IReadOnlyDictionary<string, int> Extract(string title, string bodyText)
    {
        // Sized for the distinct words of the text (about one per 16 characters), so that it rarely grows.
        var counts = new Dictionary<string, int>(bodyText.Length / 16, StringComparer.Ordinal);
        Count(title, TitleWeight, counts);
        Count(bodyText, 1, counts);
        return counts.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Take(MaxTerms)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }

    /// <summary>Tags are matched folded the same way, so "Cyber-sécurité" and "cyber securite" are one tag.</summary>
    public static string TagKey(string tag) => string.Join(' ', Words(tag));

    /// <summary>Longer runs of letters are not words (a URL, a hash): they are skipped.</summary>
    private const int MaxWordLength = 64;

    /// <summary>
    /// One pass over the text without a string per word: ASCII words are lower-cased into a buffer and looked up as
    /// spans; words in Latin letters are folded letter by letter from <see cref="LatinFolds"/>; only other scripts are
    /// transliterated (AnyAscii over a whole article costs more than the Markdown parse). Apostrophes and hyphens split
    /// ("l'Empire" gives "l" and "empire").
    /// </summary>
    private static void Count(string text, int weight, Dictionary<string, int> counts)
    {
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> lower = stackalloc char[MaxWordLength];
        Span<char> folded = stackalloc char[MaxWordLength * LatinFoldMaxLength];
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter)
            {
                start = start < 0 ? i : start;
                continue;
            }
            if (start < 0)
            {
                continue;
            }
            var word = text.AsSpan(start, i - start);
            start = -1;
            if (word.Length > MaxWordLength)
            {
                continue;
            }
            if (Ascii.IsValid(word))
            {
                Ascii.ToLower(word, lower, out var written);
                CountTerm(lower[..written], weight, lookup);
            }
            else if (FoldLatin(word, folded) is var length and >= 0)
            {
                CountParts(folded[..length], weight, lower, lookup);
            }
            else
            {
                CountParts(word.ToString().Transliterate(), weight, lower, lookup);
            }
        }
    }

    /// <summary>Counts the runs of ASCII letters and digits of a transliterated word ("Æsir" gives "AEsir", "ĳssel" "ijssel").</summary>
    private static void CountParts(ReadOnlySpan<char> ascii, int weight, Span<char> lower, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> counts)
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
                    CountTerm(lower[..written], weight, counts);
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

    private static void CountTerm(ReadOnlySpan<char> word, int weight, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> counts)
    {
        if (word.Length < MinLength || StopWordLookup.Contains(word) || !word.ContainsAnyExceptInRange('0', '9'))
        {
            return;
        }
        var term = word.Length > 4 && word[^1] == 's' && word[^2] != 's' ? word[..^1] : word;
        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(counts, term, out _);
        count += weight;
    }

    /// <summary>Tag keys: the words of the tag, folded as terms are (stop words kept: a tag is chosen on purpose).</summary>
    private static IEnumerable<string> Words(string text)
    {
        var ascii = text.Transliterate();
        var start = -1;
        for (var i = 0; i <= ascii.Length; i++)
        {
            var letter = i < ascii.Length && char.IsAsciiLetterOrDigit(ascii[i]);
            if (letter && start < 0)
            {
                start = i;
            }
            else if (!letter && start >= 0)
            {
                yield return ascii[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    /// <summary>French and English function words, accents folded as the terms are.</summary>
    private static readonly FrozenSet<string> StopWords = FrozenSet.ToFrozenSet(
        """
        les des une est dans pour que qui sur pas par avec aux cette ses son sont ont ete elle nous vous ils elles leur leurs
        mais plus ces cet comme tout tous toute toutes sans sous entre aussi encore deja bien fait faire etre avoir peut
        peuvent doit dont alors apres avant depuis lors selon chez vers contre autre autres meme memes quand donc ainsi
        leur lui moi toi soi tres trop peu car quoi quel quelle quels quelles celui celle ceux celles cela ceci ici
        non oui pour parce puis ont avait etait sera seront sont serait pourrait aurait fois tant notre votre nos vos
        mes tes une uns ayant etant lequel laquelle lesquels auquel duquel dont chaque plusieurs certains certaines
        qu quelque quelques rien personne jamais toujours souvent ailleurs partout dessus dessous devant derriere
        the and that for with this from have has had was were are been being will would shall should can could may
        might must not but his her hers its their theirs they them there here what which who whom whose when where
        why how all any both each few more most other some such only own same than too very just also into over under
        about after before between through during above below again further then once out off down our ours you your
        yours him she itself himself herself themselves ourselves yourself yourselves these those does did doing
        said says one two new like
        """.Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    // After StopWords: static fields initialise in order.
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordLookup = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();
}
