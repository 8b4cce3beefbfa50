using Serverless.Core.Parsing;
using static Serverless.Core.Tests.Parsing.TestArticles;

namespace Serverless.Core.Tests.Parsing;

/// <summary>French articles get French spacing of high punctuation in what readers see, and nowhere else.</summary>
public sealed class FrenchTypographyTests
{
    private const char Nbsp = '\u00A0', Narrow = '\u202F';

    [Theory]
    [InlineData("Sony Pictures : la suite", "Sony Pictures\u00A0: la suite")]
    [InlineData("Vraiment ? Oui !", "Vraiment\u202F? Oui\u202F!")]
    [InlineData("un ; deux", "un\u202F; deux")]
    [InlineData("le film « The Interview »", "le film «\u202FThe Interview\u202F»")]
    [InlineData("le film «The Interview»", "le film «\u202FThe Interview\u202F»")]
    public void High_punctuation_gets_its_no_break_space(string text, string expected) =>
        Assert.Equal(expected, FrenchTypography.Apply(text));

    [Theory]
    [InlineData("à 10:30 précises")]
    [InlineData("Yahoo! rachète")]
    [InlineData("Quoi?!")]
    public void Marks_without_a_space_before_them_are_left_alone(string text) =>
        Assert.Equal(text, FrenchTypography.Apply(text));

    [Fact]
    public void Body_text_of_a_french_article_is_spaced_but_code_and_urls_are_not()
    {
        var article = Parse("---\ntitle: Essai\nlang: fr\n---\n\nLe lien [ici : voyez](https://example.com/a?b=c) et `x ? y : z` puis « fin ».");

        Assert.Contains($"ici{Nbsp}: voyez", article.BodyHtml);
        Assert.Contains("href=\"https://example.com/a?b=c\"", article.BodyHtml);
        Assert.Contains("<code>x ? y : z</code>", article.BodyHtml);
        Assert.Contains($"«{Narrow}fin{Narrow}»", article.BodyHtml);
    }

    [Fact]
    public void Description_of_a_french_article_is_spaced() =>
        Assert.Equal($"Pourquoi{Narrow}? Parce que.", Parse("---\ntitle: Essai\nlang: fr\n---\n\nPourquoi ? Parce que.").Description);

    [Theory]
    [InlineData("en")]
    [InlineData("fr-CA")]
    public void Other_languages_keep_their_spacing(string language) =>
        Assert.Contains("Why ? Because : yes.", Parse($"---\ntitle: Essay\nlang: {language}\n---\n\nWhy ? Because : yes.").BodyHtml);

    [Fact]
    public void Slug_is_made_from_the_title_as_written() =>
        Assert.Equal("sony-pictures-la-suite", Parse("---\ntitle: \"Sony Pictures : la suite\"\nlang: fr\n---\n\nTexte.").Slug);
}
