using System.Collections.Frozen;
using System.Runtime.InteropServices;
using AnyAscii;
using Serverless.Core.Parsing;

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

    /// <summary>The terms of an article, as its parse finds them (<see cref="BodyWords"/>, which reads the words once for more).</summary>
    public static IReadOnlyDictionary<string, int> Extract(string title, string bodyText) => BodyWords.Read(title, bodyText).Terms;

    /// <summary>Tags are matched folded the same way, so "Cyber-sécurité" and "cyber securite" are one tag.</summary>
    public static string TagKey(string tag) => string.Join(' ', Words(tag));

    /// <summary>
    /// Counts the terms of the words it is given (see <see cref="TextWords"/>), so that the parser reads the body's
    /// words once for its terms, language and word count.
    /// </summary>
    internal struct TermCounter : IWordReader
    {
        private readonly Dictionary<string, int> _counts;

        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        private int _weight = 1;

        public TermCounter(int textLength)
        {
            // Sized for the distinct words of a text (about one per 16 characters), so that it rarely grows.
            _counts = new Dictionary<string, int>(textLength / 16, StringComparer.Ordinal);
            _lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        /// <summary>Counts the terms of the title, each <see cref="TitleWeight"/> times; other words count once.</summary>
        public void ReadTitle(string title)
        {
            _weight = TitleWeight;
            TextWords.Read(title, ref this);
            _weight = 1;
        }

        public readonly void Word(ReadOnlySpan<char> word, int position, bool elided)
        {
            if (word.Length < MinLength || StopWordLookup.Contains(word) || !word.ContainsAnyExceptInRange('0', '9'))
            {
                return;
            }
            var term = word.Length > 4 && word[^1] == 's' && word[^2] != 's' ? word[..^1] : word;
            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_lookup, term, out _);
            count += _weight;
        }

        /// <summary>The <see cref="MaxTerms"/> most counted terms, most counted first, then in ordinal order.</summary>
        public readonly IReadOnlyDictionary<string, int> Terms()
        {
            // Chosen in one pass, the best kept in order: sorting every term of an article costs more than counting them.
            var top = new List<KeyValuePair<string, int>>(MaxTerms + 1);
            foreach (var term in _counts)
            {
                if (top.Count == MaxTerms && !RanksBefore(term, top[^1]))
                {
                    continue;
                }
                var index = top.Count;
                while (index > 0 && RanksBefore(term, top[index - 1]))
                {
                    index--;
                }
                top.Insert(index, term);
                if (top.Count > MaxTerms)
                {
                    top.RemoveAt(MaxTerms);
                }
            }
            return top.ToDictionary(StringComparer.Ordinal);
        }

        private static bool RanksBefore(KeyValuePair<string, int> term, KeyValuePair<string, int> other) =>
            term.Value > other.Value || (term.Value == other.Value && string.CompareOrdinal(term.Key, other.Key) < 0);
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
