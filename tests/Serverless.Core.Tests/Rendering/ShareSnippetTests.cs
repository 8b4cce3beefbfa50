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

    [Fact]
    public void Image_is_the_og_image_with_its_size_and_alt()
    {
        var snippet = Build();

        Assert.Equal((Meta(snippet.Html, "og:image"), 1200, 630, "Budget vote delayed"),
            (snippet.Image.Url, snippet.Image.Width, snippet.Image.Height, snippet.Image.Alt));
    }

    [Fact]
    public void Mastodon_link_is_a_template_for_the_readers_own_instance() =>
        Assert.Equal($"https://{{instance}}/share?text=Budget%20vote%20delayed%20{EscapedUrl}", Build().Links.Mastodon);

    [Fact]
    public void Whatsapp_link_carries_the_title_and_the_url() =>
        Assert.Equal($"https://wa.me/?text=Budget%20vote%20delayed%20{EscapedUrl}", Build().Links.WhatsApp);

    [Fact]
    public void Bare_domains_in_the_title_count_as_links_of_23_as_x_counts_them()
    {
        // 60 short domains: as text they weigh 6 each (360), as X counts them 23 each (1,380): the title must be cut further.
        var title = string.Join(' ', Enumerable.Repeat("ab.com", 60));

        var tweet = Build(title).Tweet;

        Assert.True(TweetText.WeightedLengthWithLinks(tweet) <= 280, tweet);
        Assert.EndsWith($"… via @examplenews {ArticleUrl}", tweet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Read example.com now", 5 + 23 + 4)]
    [InlineData("See news.example.fr/a/b today", 4 + 23 + 6)]
    [InlineData("Node.js 22 is out", 23 + 10)] // a two-letter ending counts as a country domain: over-counted, never under
    [InlineData("No domain here.", 15)]
    public void Weighted_length_with_links_counts_a_bare_domain_as_23(string text, int expected) =>
        Assert.Equal(expected, TweetText.WeightedLengthWithLinks(text));
}
