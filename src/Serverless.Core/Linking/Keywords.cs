using System.Buffers;
using System.Numerics;
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
    /// words once for its terms, language and word count. The words come as spans of a buffer that is reused: each is
    /// hashed once, checked against the stop words and counted in a <see cref="TermTable"/>, and only the terms kept
    /// (<see cref="MaxTerms"/>) become strings.
    /// </summary>
    internal struct TermCounter(TermTable table) : IWordReader
    {
        private int _weight = 1;

        /// <summary>Counts the terms of the title, each <see cref="TitleWeight"/> times; other words count once.</summary>
        public void ReadTitle(string title)
        {
            _weight = TitleWeight;
            TextWords.Read(title, ref this);
            _weight = 1;
        }

        public readonly void Word(ReadOnlySpan<char> word, int position, bool elided)
        {
            if (word.Length < MinLength || !word.ContainsAnyExceptInRange('0', '9'))
            {
                return;
            }
            // The hash of the word without its last letter, then with it: the stop words are matched on the whole
            // word, the term is the word without a plural 's'.
            var stem = TermTable.Hash(word[..^1]);
            var whole = TermTable.Step(stem, word[^1]);
            if (StopWordTable.Contains(word, whole))
            {
                return;
            }
            var plural = word.Length > 4 && word[^1] == 's' && word[^2] != 's';
            table.Add(plural ? word[..^1] : word, plural ? stem : whole, _weight);
        }
    }

    /// <summary>
    /// Terms and their counts in one open-addressing table over pooled arrays: the characters of the terms one after
    /// another, the terms (hash, place, count), and the slots. A <see cref="Dictionary{TKey, TValue}"/> keyed by string
    /// would hash each word again and make a string of every distinct word of the article, most of them never kept.
    /// </summary>
    internal sealed class TermTable : IDisposable
    {
        private struct Term
        {
            public int Hash;
            public int Start;
            public int Length;
            public int Count;
        }

        private int[] _slots; // a term's index + 1; 0 for an empty slot
        private Term[] _terms;
        private char[] _characters;
        private int _count;
        private int _charactersUsed;

        /// <param name="textLength">The text's length: sized for its distinct words (about one per 16 characters), so that it rarely grows.</param>
        public TermTable(int textLength)
        {
            var expected = Math.Max(16, textLength / 16);
            _slots = RentCleared(SlotCountFor(expected));
            _terms = ArrayPool<Term>.Shared.Rent(expected);
            _characters = ArrayPool<char>.Shared.Rent(expected * 8);
        }

        /// <summary>FNV-1a over the characters: words are short, and one multiply per character is all it costs.</summary>
        public static int Hash(ReadOnlySpan<char> text)
        {
            var hash = unchecked((int)2166136261);
            foreach (var c in text)
            {
                hash = Step(hash, c);
            }
            return hash;
        }

        public static int Step(int hash, char c) => unchecked((hash ^ c) * 16777619);

        public void Add(ReadOnlySpan<char> term, int hash, int weight)
        {
            var mask = _slots.Length - 1;
            var slot = hash & mask;
            while (_slots[slot] != 0)
            {
                ref var existing = ref _terms[_slots[slot] - 1];
                if (existing.Hash == hash && _characters.AsSpan(existing.Start, existing.Length).SequenceEqual(term))
                {
                    existing.Count += weight;
                    return;
                }
                slot = (slot + 1) & mask;
            }
            if (_count == _terms.Length)
            {
                _terms = Grown(_terms, _count);
            }
            if (_charactersUsed + term.Length > _characters.Length)
            {
                _characters = Grown(_characters, _charactersUsed, _charactersUsed + term.Length);
            }
            term.CopyTo(_characters.AsSpan(_charactersUsed));
            _terms[_count] = new Term { Hash = hash, Start = _charactersUsed, Length = term.Length, Count = weight };
            _charactersUsed += term.Length;
            _slots[slot] = ++_count;
            if (_count * 2 > _slots.Length)
            {
                Rehash();
            }
        }

        /// <summary>The <see cref="MaxTerms"/> most counted terms, most counted first, then in ordinal order.</summary>
        public IReadOnlyDictionary<string, int> Top()
        {
            // Chosen in one pass, the best kept in order: sorting every term of an article costs more than counting them.
            var top = new List<int>(MaxTerms + 1);
            for (var index = 0; index < _count; index++)
            {
                if (top.Count == MaxTerms && !RanksBefore(index, top[^1]))
                {
                    continue;
                }
                var place = top.Count;
                while (place > 0 && RanksBefore(index, top[place - 1]))
                {
                    place--;
                }
                top.Insert(place, index);
                if (top.Count > MaxTerms)
                {
                    top.RemoveAt(MaxTerms);
                }
            }
            var terms = new Dictionary<string, int>(top.Count, StringComparer.Ordinal);
            foreach (var index in top)
            {
                terms.Add(TextOf(index).ToString(), _terms[index].Count);
            }
            return terms;
        }

        public void Dispose()
        {
            ArrayPool<int>.Shared.Return(_slots);
            ArrayPool<Term>.Shared.Return(_terms);
            ArrayPool<char>.Shared.Return(_characters);
            _slots = [];
            _terms = [];
            _characters = [];
        }

        private ReadOnlySpan<char> TextOf(int index) => _characters.AsSpan(_terms[index].Start, _terms[index].Length);

        private bool RanksBefore(int term, int other) =>
            _terms[term].Count > _terms[other].Count
            || (_terms[term].Count == _terms[other].Count && TextOf(term).SequenceCompareTo(TextOf(other)) < 0);

        private void Rehash()
        {
            ArrayPool<int>.Shared.Return(_slots);
            _slots = RentCleared(_slots.Length * 2);
            var mask = _slots.Length - 1;
            for (var index = 0; index < _count; index++)
            {
                var slot = _terms[index].Hash & mask;
                while (_slots[slot] != 0)
                {
                    slot = (slot + 1) & mask;
                }
                _slots[slot] = index + 1;
            }
        }

        /// <summary>A power of two at least four times the terms expected, so that probes stay short.</summary>
        private static int SlotCountFor(int terms) => (int)BitOperations.RoundUpToPowerOf2((uint)terms * 4);

        /// <summary>Pooled arrays come as they were left: the slots must start empty. The pool may give a larger one, and only a power of two is used.</summary>
        private static int[] RentCleared(int length)
        {
            var slots = ArrayPool<int>.Shared.Rent(length);
            if (slots.Length != length)
            {
                ArrayPool<int>.Shared.Return(slots);
                slots = new int[length];
            }
            Array.Clear(slots);
            return slots;
        }

        private static T[] Grown<T>(T[] array, int used, int atLeast = 0)
        {
            var larger = ArrayPool<T>.Shared.Rent(Math.Max(array.Length * 2, atLeast));
            array.AsSpan(0, used).CopyTo(larger);
            ArrayPool<T>.Shared.Return(array);
            return larger;
        }
    }

    /// <summary>
    /// <see cref="StopWords"/> in an open-addressing table hashed as <see cref="TermTable"/> hashes, so that a word's
    /// one hash serves both the stop-word check and its count.
    /// </summary>
    private static class StopWordTable
    {
        private static readonly string?[] Slots = Build(out Hashes);

        private static readonly int[] Hashes;

        public static bool Contains(ReadOnlySpan<char> word, int hash)
        {
            var mask = Slots.Length - 1;
            for (var slot = hash & mask; Slots[slot] is { } stopWord; slot = (slot + 1) & mask)
            {
                if (Hashes[slot] == hash && stopWord.AsSpan().SequenceEqual(word))
                {
                    return true;
                }
            }
            return false;
        }

        private static string?[] Build(out int[] hashes)
        {
            var slots = new string?[BitOperations.RoundUpToPowerOf2((uint)StopWords.Count * 4)];
            hashes = new int[slots.Length];
            var mask = slots.Length - 1;
            foreach (var word in StopWords)
            {
                var hash = TermTable.Hash(word);
                var slot = hash & mask;
                while (slots[slot] is not null)
                {
                    slot = (slot + 1) & mask;
                }
                slots[slot] = word;
                hashes[slot] = hash;
            }
            return slots;
        }
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
    private static readonly HashSet<string> StopWords = new(
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

}
