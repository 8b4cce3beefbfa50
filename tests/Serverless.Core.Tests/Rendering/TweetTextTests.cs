using Serverless.Core.Rendering;

namespace Serverless.Core.Tests.Rendering;

/// <summary>X's weighted length: Latin and common punctuation weigh 1, CJK and emoji weigh 2, each URL 23.</summary>
public sealed class TweetTextTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("Budget vote", 11)]
    [InlineData("Été à l’Élysée — « oui »", 24)]
    [InlineData("Привет", 6)]
    [InlineData("国会", 4)]
    [InlineData("한국", 4)]
    [InlineData("😀", 2)]
    [InlineData("Vote 😀!", 8)]
    public void Weighted_length_counts_wide_characters_twice(string text, int length) =>
        Assert.Equal(length, TweetText.WeightedLength(text));

    [Theory]
    [InlineData("👨‍👩‍👧‍👦", 2)]  // ZWJ family
    [InlineData("👍🏽", 2)]          // skin tone
    [InlineData("🇫🇷", 2)]          // flag
    [InlineData("🗳️ Vote", 7)]     // variation selector
    public void An_emoji_sequence_counts_as_one_emoji(string text, int length) =>
        Assert.Equal(length, TweetText.WeightedLength(text));

    [Theory]
    [InlineData("Read https://news.example.com/articles/a-very-long-slug-that-goes-on-and-on-for-many-more-characters",
        "https://news.example.com/articles/a-very-long-slug-that-goes-on-and-on-for-many-more-characters", 5 + 23)]
    [InlineData("https://x.co", "https://x.co", 23)]
    [InlineData("https://x.co https://x.co", "https://x.co", 1 + 23 + 23)]
    public void Each_url_counts_as_23_whatever_its_length(string text, string url, int length) =>
        Assert.Equal(length, TweetText.WeightedLength(text, [url]));
}
