using static Serverless.Core.Tests.Parsing.TestArticles;

namespace Serverless.Core.Tests.Parsing;

/// <summary>The article language: front matter 'lang', else detected from the body, else the parser's configured default.</summary>
public sealed class LanguageDetectionTests
{
    private const string French = "Le gouvernement a présenté son budget dans la soirée. Il est critiqué par les syndicats et par une partie de la majorité, qui ne sont pas convaincus.";
    private const string English = "The government presented its budget in the evening. It was criticised by the unions and by part of the majority, who are not convinced.";

    [Fact]
    public void French_prose_is_detected_as_french() => Assert.Equal("fr", WithBody(French).Language);

    [Fact]
    public void English_prose_is_detected_as_english() => Assert.Equal("en", Parse("# Titre\n\n" + English, defaultLanguage: "fr").Language);

    [Fact]
    public void Text_without_clear_language_gets_the_configured_default() =>
        Assert.Equal("nl", Parse("# Lorem\n\nLorem ipsum dolor sit amet, consectetur adipiscing elit.", defaultLanguage: "nl").Language);

    [Fact]
    public void The_opening_of_a_long_body_decides_its_language()
    {
        // More than 3,000 characters of French, then more English than French: the opening decides.
        var body = string.Join(' ', Enumerable.Repeat(French, 25)) + "\n\n" + string.Join(' ', Enumerable.Repeat(English, 60));

        Assert.Equal("fr", Parse("# Titre\n\n" + body, defaultLanguage: "de").Language);
    }

    [Fact]
    public void Elided_articles_vote_as_their_article() =>
        Assert.Equal("fr", Parse("# Titre\n\nL'été, l'hiver, l'automne et l'année.", defaultLanguage: "de").Language);

    [Fact]
    public void Front_matter_lang_wins_over_detection() =>
        Assert.Equal("en", Parse($"---\nlang: en\n---\n# Titre\n\n{French}").Language);

    [Theory]
    [InlineData("FR", "fr")]
    [InlineData("en-us", "en-US")]
    [InlineData("fr-CA", "fr-CA")]
    public void Front_matter_lang_is_normalised_to_its_culture_name(string lang, string expected) =>
        Assert.Equal(expected, Parse($"---\nlang: {lang}\n---\n# Title\n\nBody.").Language);

    [Theory]
    [InlineData("xx")]
    [InlineData("english")]
    [InlineData("fr_FR")]
    [InlineData("x-klingon")]
    public void Unknown_front_matter_lang_is_a_format_error(string lang) =>
        Assert.Equal(
            $"Front matter 'lang' '{lang}' is not a known language code; use e.g. 'fr', 'en' or 'fr-CA'.",
            Rejects($"---\nlang: {lang}\n---\n# Title\n\nBody.").Message);
}
