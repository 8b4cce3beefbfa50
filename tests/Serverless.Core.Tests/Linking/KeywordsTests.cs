using AnyAscii;
using CsCheck;
using Serverless.Core.Linking;
using Serverless.Core.Parsing;
using Serverless.Core.Tests.Parsing;

namespace Serverless.Core.Tests.Linking;

/// <summary>The terms an article is about, and how the corpus weighs them.</summary>
public sealed class KeywordsTests
{
    [Fact]
    public void Sample_terms_keep_names_and_drop_function_words()
    {
        var terms = TestArticles.Sample.Terms;

        Assert.Contains("sony", terms.Keys);
        Assert.Contains("anonymou", terms.Keys); // "Anonymous" with its plural 's' trimmed, as "Anonymous" and "anonymous" both are
        Assert.Contains("bittorrent", terms.Keys);
        Assert.DoesNotContain("le", terms.Keys);
        Assert.DoesNotContain("les", terms.Keys);
        Assert.DoesNotContain("des", terms.Keys);
        Assert.DoesNotContain("the", terms.Keys);
    }

    [Fact]
    public void Title_words_count_three_times()
    {
        var terms = Keywords.Extract("Budget", "The council discussed the budget.");

        Assert.Equal(4, terms["budget"]);
        Assert.Equal(1, terms["council"]);
    }

    [Fact]
    public void Accents_case_and_plurals_fold_to_one_term() =>
        Assert.Equal(["securite"], Keywords.Extract("Sécurité", "securite SÉCURITÉS").Keys);

    [Fact]
    public void Words_in_latin_letters_fold_to_ascii_as_anyascii_transliterates_them() =>
        Assert.Equal(["aeroskobing", "angstrom", "facade", "ijsselmeer", "oeuvre", "strasse"],
            Keywords.Extract("", "Œuvres Straße Ærøskøbing façade Ångström ĳsselmeer").Keys);

    [Fact]
    public void Words_in_other_scripts_are_transliterated() =>
        Assert.Equal(Keywords.Extract("", "Αθήνα Москва".Transliterate()).Keys, Keywords.Extract("", "Αθήνα Москва").Keys);

    [Fact]
    public void Numbers_and_short_words_are_not_terms() =>
        Assert.Empty(Keywords.Extract("2014", "tv 2600 un de"));

    [Fact]
    public void At_most_twenty_terms_are_kept_most_frequent_first() =>
        Assert.Equal(Keywords.MaxTerms, Keywords.Extract("", string.Join(' ', Enumerable.Range(0, 50).Select(i => "word" + (char)('a' + i % 26) + (char)('a' + i / 26)))).Count);

    [Fact]
    public void A_term_most_of_the_corpus_uses_is_dropped_and_a_rare_one_weighs_most()
    {
        var terms = new Dictionary<string, int> { ["film"] = 5, ["sony"] = 2, ["interview"] = 2 };
        var documentFrequency = new Dictionary<string, int> { ["film"] = 60, ["sony"] = 3, ["interview"] = 12 };

        var weights = RelatedArticles.WeighKeywords(terms, term => documentFrequency[term], corpus: 100);

        Assert.DoesNotContain("film", weights.Keys);
        Assert.True(weights["sony"] > weights["interview"]);
        Assert.Equal(1, Math.Sqrt(weights.Values.Sum(weight => weight * weight)), precision: 3);
    }

    [Fact]
    public void In_a_tiny_corpus_no_term_is_dropped_for_being_common() =>
        Assert.Equal(["film"], RelatedArticles.WeighKeywords(new Dictionary<string, int> { ["film"] = 3 }, _ => 2, corpus: 2).Keys);

    /// <summary>Words as articles hold them, repeated often enough to rank: stop words, plurals, numbers, short words, accents.</summary>
    private static readonly Gen<string> Words = Gen.OneOf<string>(
            "budget", "budgets", "vote", "votes", "council", "les", "the", "and", "2024", "tv", "un", "class", "glass", "Sécurité",
            "securites", "plans", "plan", "Mayor", "mayors", "bus", "buses", "x1", "a1b", "naïve", "Æsir", "cœur", "été", "road")
        .Array[0, 120]
        .Select(words => string.Join(' ', words));

    [Fact]
    public void Terms_are_the_most_counted_words_as_the_rules_define_them() =>
        Gen.Select(Words, Words).Sample((title, body) =>
            Assert.Equal(ExpectedTerms(title, body), Keywords.Extract(title, body).ToList()), iter: GeneratedRuns.Iterations(1000));

    /// <summary>
    /// The rules, written plainly with a dictionary of strings: words of 3 letters or more that are not all digits nor
    /// stop words, a plural 's' trimmed past 4 letters (not "ss"), title words counted 3 times; the 20 most counted, then in ordinal order.
    /// </summary>
    private static List<KeyValuePair<string, int>> ExpectedTerms(string title, string body)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string text, int weight)
        {
            foreach (var word in WordsOf(text))
            {
                if (word.Length < 3 || word.All(char.IsAsciiDigit) || StopWordsUsedHere.Contains(word))
                {
                    continue;
                }
                var term = word.Length > 4 && word[^1] == 's' && word[^2] != 's' ? word[..^1] : word;
                counts[term] = counts.GetValueOrDefault(term) + weight;
            }
        }
        Count(title, 3);
        Count(body, 1);
        return [.. counts.OrderByDescending(term => term.Value).ThenBy(term => term.Key, StringComparer.Ordinal).Take(Keywords.MaxTerms)];
    }

    /// <summary>The stop words among <see cref="Words"/>.</summary>
    private static readonly HashSet<string> StopWordsUsedHere = ["les", "the", "and", "ete"];

    private static List<string> WordsOf(string text)
    {
        var collector = new Collector { Words = [] };
        TextWords.Read(text, ref collector);
        return collector.Words;
    }

    private struct Collector : IWordReader
    {
        public List<string> Words;

        public readonly void Word(ReadOnlySpan<char> word, int position, bool elided) => Words.Add(word.ToString());
    }
}
