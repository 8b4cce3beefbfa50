using Serverless.Core.Search;

namespace Serverless.Core.Tests.Search;

/// <summary>How article text becomes search terms, per language.</summary>
public sealed class SearchAnalysisTests
{
    private static readonly string[] WordForms = ["diffuser", "diffusion", "diffusions", "diffusé"];

    private static List<string> Matching(string text, SearchLanguage language) => SearchAnalyzers.Terms(text, language, matching: true);

    private static List<string> Exact(string text, SearchLanguage language) => SearchAnalyzers.Terms(text, language, matching: false);

    [Theory]
    [InlineData("l’Empire")]
    [InlineData("l'Empire")]
    [InlineData("L’EMPIRE")]
    public void French_elisions_with_either_apostrophe_leave_the_word(string text) =>
        Assert.Equal(Exact("empire", SearchLanguage.French), Exact(text, SearchLanguage.French));

    [Fact]
    public void French_elisions_of_every_kind_are_cut() =>
        Assert.Equal(["attaque", "ordinateur", "hackers", "studio"], Exact("d’attaque qu'ordinateur jusqu’hackers lorsqu'studio", SearchLanguage.French));

    [Fact]
    public void French_word_forms_share_a_stem()
    {
        var forms = WordForms.Select(word => Matching(word, SearchLanguage.French).Single()).Distinct().ToList();

        Assert.Single(forms);
    }

    [Fact]
    public void Accents_fold_in_the_matching_form_and_stay_in_the_exact_one()
    {
        Assert.Equal(Matching("sécurité", SearchLanguage.French), Matching("securite", SearchLanguage.French));
        Assert.NotEqual(Exact("sécurité", SearchLanguage.French), Exact("securite", SearchLanguage.French));
    }

    [Fact]
    public void French_stop_words_are_dropped() =>
        Assert.Equal(Exact("piratage studio", SearchLanguage.French), Exact("le piratage des studios", SearchLanguage.French).Select(term => term.TrimEnd('s')));

    [Fact]
    public void English_word_forms_share_a_stem_and_stop_words_go()
    {
        Assert.Equal(Matching("attack", SearchLanguage.English), Matching("attacks", SearchLanguage.English));
        Assert.Equal(Matching("studio", SearchLanguage.English), Matching("the studio's", SearchLanguage.English));
    }

    [Fact]
    public void Other_languages_are_folded_and_tokenised()
    {
        Assert.Equal(["uber", "strasse"], Matching("Über Straße", SearchLanguage.Other));
    }

    [Theory]
    [InlineData("anonymus", "anonymous", true)]
    [InlineData("bittorent", "bittorrent", true)]
    [InlineData("piratgae", "piratage", true)]
    [InlineData("sony", "sonyy", true)]
    [InlineData("hackers", "crackers", false)]
    [InlineData("piratage", "piratages2", false)]
    public void One_edit_is_told_from_more(string a, string b, bool within) => Assert.Equal(within, SnippetBuilder.WithinOneEdit(a, b));

    [Fact]
    public void Body_text_keeps_words_whole_across_inline_tags_and_apart_across_blocks() =>
        Assert.Equal("Selon Re/code, l’attaque. Suite & fin", SearchText.FromHtml("<p>Selon <em>Re/code</em>, l’<strong>attaque</strong>.</p><p>Suite &amp; fin</p>"));
}
