using System.Text.RegularExpressions;
using Serverless.Core.Parsing;
using static Serverless.Core.Tests.Parsing.TestArticles;

namespace Serverless.Core.Tests.Parsing;

/// <summary>URL slugs: from front matter or the title, ASCII lower case words joined by hyphens, at most 80 characters.</summary>
public sealed partial class SlugTests
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    [Theory]
    [InlineData("Markets Rally After the Vote", "markets-rally-after-the-vote")]
    [InlineData("Sony Pictures : l'Empire contre-attaque... avec du DDoS", "sony-pictures-l-empire-contre-attaque-avec-du-ddos")]
    [InlineData("Élysée : le Président a dit « non » !", "elysee-le-president-a-dit-non")]
    [InlineData("Straße & Œuvre — 2024", "strasse-oeuvre-2024")]
    public void Slug_is_the_title_transliterated_lower_cased_and_hyphenated(string title, string slug) =>
        Assert.Equal(slug, Parse($"# {title}\n\nBody.").Slug);

    [Fact]
    public void Precomposed_and_decomposed_accents_give_the_same_slug() =>
        Assert.Equal("ete-a-paris", Parse("# E\u0301te\u0301 a\u0300 Paris\n\nBody.").Slug);

    [Theory]
    [InlineData("Привет мир", "privet-mir")]
    [InlineData("Καλημέρα κόσμε", "kalimera-kosme")]
    [InlineData("東京タワー", "dongjingtawa")]
    public void Non_latin_title_gives_an_ascii_slug(string title, string slug) =>
        Assert.Equal(slug, Parse($"# {title}\n\nBody.").Slug);

    [Fact]
    public void Long_title_gives_a_slug_of_at_most_80_characters_cut_between_words()
    {
        var title = string.Join(' ', Enumerable.Repeat("parliament", 12)); // 131 characters as a slug

        var slug = Parse($"# {title}\n\nBody.").Slug;

        Assert.Equal(string.Join('-', Enumerable.Repeat("parliament", 7)), slug); // 76 characters: an 8th word would pass 80
    }

    [Theory]
    [InlineData("--Hello__World--")]
    [InlineData("  \t«  »  ")]
    [InlineData("a---b")]
    [InlineData("C# & F# in 2024: what's new?")]
    [InlineData("🎉 Party time 🎉")]
    [InlineData("x")]
    [InlineData("Ünïcödé ÀÉÎÕÜ 1234567890 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ")]
    public void Slug_always_matches_the_url_pattern(string title)
    {
        var slug = Parse($"# {title}\n\nBody.", name: "fallback.md").Slug;

        Assert.Matches(SlugPattern(), slug);
    }

    [Fact]
    public void Title_without_letters_or_digits_falls_back_to_the_file_name() =>
        Assert.Equal("weekly-column", Parse("# !!! ??? …\n\nBody.", name: "2024/Weekly Column.md").Slug);

    [Fact]
    public void Neither_title_nor_file_name_with_letters_is_a_format_error() =>
        Assert.StartsWith("Neither the title nor the file name", Assert.Throws<ArticleFormatException>(
            () => Parse("# ???\n\nBody.", name: "___.md")).Message, StringComparison.Ordinal);

    [Fact]
    public void Url_safe_front_matter_slug_is_used_without_warning()
    {
        var article = Parse("---\nslug: my-own-slug\n---\n# A different title\n\nBody.");

        Assert.Equal("my-own-slug", article.Slug);
        Assert.Empty(article.Warnings);
    }

    [Fact]
    public void Front_matter_slug_is_made_url_safe_with_a_warning()
    {
        var article = Parse("---\nslug: Mon Été 2024!\n---\n# Title\n\nBody.");

        Assert.Equal("mon-ete-2024", article.Slug);
        Assert.Equal(["Front matter 'slug' 'Mon Été 2024!' was made URL-safe as 'mon-ete-2024'."], article.Warnings);
    }

    [Fact]
    public void Front_matter_slug_without_letters_or_digits_is_a_format_error() =>
        Assert.Contains("'slug'", Rejects("---\nslug: \"!!!\"\n---\n# Title\n\nBody.").Message, StringComparison.Ordinal);

    [Fact]
    public void Numbered_slug_cuts_a_long_slug_so_that_it_stays_within_the_limit()
    {
        var longest = string.Join('-', Enumerable.Repeat("word", 16));

        var numbered = Slugs.Numbered(longest, 12);

        Assert.Equal((Slugs.MaxLength, true), (numbered.Length, numbered.EndsWith("-12", StringComparison.Ordinal)));
        Assert.True(Slugs.IsValid(numbered));
        Assert.Equal(12, Slugs.NumberIn(longest, numbered));
    }

    [Theory]
    [InlineData("top-10", "top-10", 1)]
    [InlineData("top-10", "top-10-2", 2)]
    [InlineData("top", "top-10", 10)]
    [InlineData("top-10", "top-1", null)]
    [InlineData("top", "top-1", null)]
    [InlineData("top", "topic-2", null)]
    public void Number_of_a_slug_form_is_recognised_only_for_the_forms_numbered_makes(string wanted, string candidate, int? number) =>
        Assert.Equal(number, Slugs.NumberIn(wanted, candidate));
}
