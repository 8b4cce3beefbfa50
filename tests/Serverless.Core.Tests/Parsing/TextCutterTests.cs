using Serverless.Core.Parsing;

namespace Serverless.Core.Tests.Parsing;

/// <summary>Shortening text at a word boundary with an ellipsis (descriptions, card titles, tweets).</summary>
public sealed class TextCutterTests
{
    [Theory]
    [InlineData("Short text", 10)]
    [InlineData("Short text", 200)]
    public void Text_that_fits_is_returned_unchanged(string text, int max) => Assert.Equal(text, TextCutter.Cut(text, max));

    [Theory]
    [InlineData("The quick brown fox jumps", 15, "The quick…")]
    [InlineData("The quick brown fox jumps", 16, "The quick brown…")]
    [InlineData("The quick brown fox jumps", 24, "The quick brown fox…")]
    public void Long_text_is_cut_at_the_last_word_boundary_with_an_ellipsis(string text, int max, string expected) =>
        Assert.Equal(expected, TextCutter.Cut(text, max));

    [Theory]
    [InlineData("Markets, bonds and gold", 10, "Markets…")]
    [InlineData("Le débat : la suite", 12, "Le débat…")]
    [InlineData("Paris — Lyon — Marseille", 15, "Paris — Lyon…")]
    public void Punctuation_left_before_the_ellipsis_is_dropped(string text, int max, string expected) =>
        Assert.Equal(expected, TextCutter.Cut(text, max));

    [Fact]
    public void Single_word_longer_than_the_maximum_is_cut_inside_the_word() =>
        Assert.Equal("Supercal…", TextCutter.Cut("Supercalifragilistic", 9));

    [Theory]
    [InlineData("😀", 6, "😀😀…")] // 2 UTF-16 units each
    [InlineData("🇫🇷", 7, "🇫🇷…")] // a flag: 2 code points, 4 units
    [InlineData("👨‍👩‍👧", 12, "👨‍👩‍👧…")] // a family: 3 emoji joined by ZWJ, 8 units
    [InlineData("国会", 5, "国会国会…")]
    public void Text_without_spaces_is_cut_between_graphemes_never_inside_one(string grapheme, int max, string expected) =>
        Assert.Equal(expected, TextCutter.Cut(string.Concat(Enumerable.Repeat(grapheme, 10)), max));

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(50)]
    [InlineData(199)]
    public void Result_is_never_longer_than_the_maximum(int max)
    {
        var text = string.Concat(Enumerable.Repeat("ab cde fghi ", 30));

        var cut = TextCutter.Cut(text, max);

        Assert.InRange(cut.Length, 1, max);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
    }
}
