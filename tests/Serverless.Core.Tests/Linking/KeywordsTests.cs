using AnyAscii;
using Serverless.Core.Linking;
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
}
