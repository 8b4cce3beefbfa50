using static Serverless.Core.Tests.Parsing.TestArticles;

namespace Serverless.Core.Tests.Parsing;

/// <summary>Word count of the body and the reading time derived from it (200 words a minute, at least one minute).</summary>
public sealed class WordCountTests
{
    private static string Words(int count) => string.Join(' ', Enumerable.Repeat("word", count)) + ".";

    [Fact]
    public void Word_count_covers_the_body_only_not_the_title_nor_the_related_links() =>
        Assert.Equal(5, Parse("# Three title words\n\nOne two three four five.\n\nSee also\n\n[Six seven](#)").WordCount);

    [Fact]
    public void Punctuation_alone_is_not_a_word() =>
        Assert.Equal(4, WithBody("One — two , three « four » !").WordCount);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(200, 1)]
    [InlineData(201, 2)]
    [InlineData(400, 2)]
    [InlineData(401, 3)]
    public void Reading_time_is_words_divided_by_200_rounded_up(int words, int minutes)
    {
        var article = WithBody(Words(words));

        Assert.Equal((words, minutes), (article.WordCount, article.ReadingMinutes));
    }
}
