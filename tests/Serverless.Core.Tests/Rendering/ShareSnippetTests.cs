using System.Globalization;
using Serverless.Core.Rendering;
using static Serverless.Core.Tests.Rendering.TestSite;

namespace Serverless.Core.Tests.Rendering;

/// <summary>Share snippets: a tweet within X's weighted limit, a Bluesky text within 300 graphemes, share-intent links.</summary>
public sealed class ShareSnippetTests
{
    private const string EscapedUrl = "https%3A%2F%2Fnews.example.com%2Farticles%2Fbudget-vote-delayed";
    private const string BlueskyIntent = "https://bsky.app/intent/compose?text=";

    private static readonly string LongTitle = string.Join(' ', Enumerable.Repeat("Parliament delays", 20)); // 359 characters
    private static readonly string WideTitle = string.Concat(Enumerable.Repeat("国会が予算案の採決を延期😀", 12)); // weighs 12 × 26 = 312: CJK and emoji weigh 2

    private static ShareSnippet Build(string title = "Budget vote delayed") => ShareBuilder.Build(Article(title: title));

    private static int TweetLength(string tweet) => TweetText.WeightedLength(tweet, [ArticleUrl]);

    [Fact]
    public void Tweet_is_the_title_the_handle_and_the_url() =>
        Assert.Equal($"Budget vote delayed via @examplenews {ArticleUrl}", Build().Tweet);

    [Fact]
    public void Tweet_with_a_very_long_title_is_cut_to_280_weighted_characters_and_ends_with_the_url()
    {
        var tweet = Build(LongTitle).Tweet;

        Assert.InRange(TweetLength(tweet), 260, 280);
        Assert.EndsWith($"… via @examplenews {ArticleUrl}", tweet, StringComparison.Ordinal);
    }

    [Fact]
    public void Tweet_with_a_cjk_and_emoji_title_counts_them_double_and_fits_280()
    {
        var tweet = Build(WideTitle).Tweet;

        Assert.InRange(TweetLength(tweet), 270, 280);
        Assert.EndsWith($"… via @examplenews {ArticleUrl}", tweet, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', tweet);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Bluesky_text_is_at_most_300_graphemes_and_ends_with_the_url(bool wide)
    {
        var links = Build(wide ? WideTitle + WideTitle : LongTitle).Links;

        Assert.StartsWith(BlueskyIntent, links.Bluesky, StringComparison.Ordinal);
        var text = Uri.UnescapeDataString(links.Bluesky[BlueskyIntent.Length..]);
        Assert.InRange(new StringInfo(text).LengthInTextElements, 280, 300);
        Assert.EndsWith($"… {ArticleUrl}", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x", $"https://twitter.com/intent/tweet?text=Budget%20vote%20delayed&url={EscapedUrl}&via=examplenews")]
    [InlineData("facebook", $"https://www.facebook.com/sharer/sharer.php?u={EscapedUrl}")]
    [InlineData("linkedin", $"https://www.linkedin.com/sharing/share-offsite/?url={EscapedUrl}")]
    [InlineData("bluesky", $"https://bsky.app/intent/compose?text=Budget%20vote%20delayed%20{EscapedUrl}")]
    [InlineData("email", $"mailto:?subject=Budget%20vote%20delayed&body=The%20vote%20moves%20to%20next%20week.%0A%0A{EscapedUrl}")]
    public void Share_link_carries_the_escaped_url(string network, string expected)
    {
        var links = Build().Links;

        var link = network switch
        {
            "x" => links.X,
            "facebook" => links.Facebook,
            "linkedin" => links.LinkedIn,
            "bluesky" => links.Bluesky,
            _ => links.Email,
        };

        Assert.Equal(expected, link);
    }

    [Fact]
    public void Title_with_reserved_characters_is_escaped_in_the_links()
    {
        var links = Build("Q&A: 50% off? #deal").Links;

        Assert.StartsWith("https://twitter.com/intent/tweet?text=Q%26A%3A%2050%25%20off%3F%20%23deal&url=", links.X, StringComparison.Ordinal);
        Assert.StartsWith("mailto:?subject=Q%26A%3A%2050%25%20off%3F%20%23deal&body=", links.Email, StringComparison.Ordinal);
    }
}
