using System.Text;
using CsCheck;
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

    [Fact]
    public void Any_text_is_spaced_as_the_rules_say_mark_by_mark() =>
        Gen.OneOf(Gen.Char['a', 'c'], Gen.OneOf<char>(':', ';', '?', '!', '«', '»', ' ', ' ', Nbsp, Narrow, '\n'))
            .Array[0, 40]
            .Select(chars => new string(chars))
            .Sample(text => Assert.Equal(SpacedCharByChar(text), FrenchTypography.Apply(text)), iter: GeneratedRuns.Iterations(2000));

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

    /// <summary>The rules applied one character at a time, as plainly as they read.</summary>
    private static string SpacedCharByChar(string text)
    {
        var result = new StringBuilder();
        void SpaceBefore(char space, bool insertIfMissing)
        {
            if (result.Length > 0 && result[^1] is ' ' or Nbsp or Narrow)
            {
                result[^1] = space;
            }
            else if (result.Length > 0 && insertIfMissing && !char.IsWhiteSpace(result[^1]))
            {
                result.Append(space);
            }
        }
        for (var index = 0; index < text.Length; index++)
        {
            var c = text[index];
            if (c == ':')
            {
                SpaceBefore(Nbsp, insertIfMissing: false);
            }
            else if (c is ';' or '?' or '!')
            {
                SpaceBefore(Narrow, insertIfMissing: false);
            }
            else if (c == '»')
            {
                SpaceBefore(Narrow, insertIfMissing: true);
            }
            result.Append(c);
            if (c == '«' && index + 1 < text.Length && (text[index + 1] is ' ' or Nbsp or Narrow || !char.IsWhiteSpace(text[index + 1])))
            {
                index += text[index + 1] is ' ' or Nbsp or Narrow ? 1 : 0;
                result.Append(Narrow);
            }
        }
        return result.ToString();
    }
}
