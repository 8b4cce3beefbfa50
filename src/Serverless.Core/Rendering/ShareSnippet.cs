using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Serverless.Core.Articles;
using Serverless.Core.Configuration;
using Serverless.Core.Parsing;

namespace Serverless.Core.Rendering;

/// <summary>Everything needed to share an article: ready texts, share-intent URLs, the image and the meta-tag block.</summary>
public sealed record ShareSnippet(string Url, string Title, string Description, ShareImage Image, string Tweet, ShareLinks Links, string Html);

/// <summary>
/// Share intents, named as the API promises: x, facebook, linkedin, bluesky, mastodon, whatsapp, email. Mastodon has no
/// central site: <see cref="Mastodon"/> is a template whose <c>{instance}</c> the reader's own server replaces.
/// </summary>
public sealed record ShareLinks(string X, string Facebook, [property: JsonPropertyName("linkedin")] string LinkedIn, string Bluesky,
    string Mastodon, [property: JsonPropertyName("whatsapp")] string WhatsApp, string Email);

public sealed class ShareSnippetBuilder(SiteOptions site, SiteUrls urls, SocialMetaTags socialTags)
{
    /// <summary>X counts every URL as 23 characters, whatever its length (twitter-text v3).</summary>
    public const int TweetMax = 280, TweetUrlLength = 23;

    /// <summary>Bluesky counts graphemes and the URL in full.</summary>
    public const int BlueskyMax = 300;

    /// <summary>The image shared for the article (see <see cref="SocialMetaTags.ImageOf"/>).</summary>
    public ShareImage ImageOf(IArticleMetadata article, ShareImage? resolvedImage) => socialTags.ImageOf(article, resolvedImage);

    public ShareSnippet Build(IArticleMetadata article, ShareImage? resolvedImage = null)
    {
        var url = urls.Article(article.Slug);
        var via = site.XHandleWithAt is { } handle ? " via " + handle : string.Empty;

        // Tweet: "{title}{via} {url}", the title cut at a word boundary until the whole fits.
        var tweetTitle = FitTweet(article.Title, TweetMax - TweetUrlLength - 1 - TweetText.WeightedLength(via));
        var tweet = $"{tweetTitle}{via} {url}";
        var blueskyTitle = FitGraphemes(article.Title, BlueskyMax - new StringInfo(url).LengthInTextElements - 1);

        var links = Links(article, tweetTitle, blueskyTitle, url);

        return new ShareSnippet(url, article.Title, article.Description, socialTags.ImageOf(article, resolvedImage), tweet, links,
            socialTags.Render(article, resolvedImage));
    }

    /// <summary>The share intents alone, as the article page links them.</summary>
    public ShareLinks Links(IArticleMetadata article)
    {
        var url = urls.Article(article.Slug);
        var via = site.XHandleWithAt is { } handle ? " via " + handle : string.Empty;
        return Links(article, FitTweet(article.Title, TweetMax - TweetUrlLength - 1 - TweetText.WeightedLength(via)),
            FitGraphemes(article.Title, BlueskyMax - new StringInfo(url).LengthInTextElements - 1), url);
    }

    private ShareLinks Links(IArticleMetadata article, string tweetTitle, string blueskyTitle, string url) =>
        new(
            X: $"https://twitter.com/intent/tweet?text={Escape(tweetTitle)}&url={Escape(url)}"
               + (site.XHandleWithAt is { } h ? $"&via={Escape(h[1..])}" : string.Empty),
            Facebook: $"https://www.facebook.com/sharer/sharer.php?u={Escape(url)}",
            LinkedIn: $"https://www.linkedin.com/sharing/share-offsite/?url={Escape(url)}",
            Bluesky: $"https://bsky.app/intent/compose?text={Escape(blueskyTitle + " " + url)}",
            Mastodon: $"https://{{instance}}/share?text={Escape(article.Title + " " + url)}",
            WhatsApp: $"https://wa.me/?text={Escape(article.Title + " " + url)}",
            Email: $"mailto:?subject={Escape(article.Title)}&body={Escape(article.Description + "\n\n" + url)}");

    /// <summary>
    /// Mastodon has no central site: a page without script sends the reader to Share₂Fedi, which asks for their server
    /// and opens its share form there (<see cref="ShareLinks.Mastodon"/> stays the template for apps that know it).
    /// </summary>
    public static string MastodonPicker(ShareLinks links) =>
        "https://s2f.kytta.dev/?text=" + links.Mastodon[(links.Mastodon.IndexOf("?text=", StringComparison.Ordinal) + "?text=".Length)..];

    private static string FitTweet(string title, int budget)
    {
        if (TweetText.WeightedLengthWithLinks(title) <= budget)
        {
            return title;
        }
        // Cut by characters until the weighted length fits; TextCutter keeps word boundaries and adds the ellipsis.
        for (var max = Math.Min(title.Length, budget); max > 1; max--)
        {
            var cut = TextCutter.Cut(title, max);
            if (TweetText.WeightedLengthWithLinks(cut) <= budget)
            {
                return cut;
            }
        }
        return string.Empty;
    }

    private static string FitGraphemes(string title, int budget)
    {
        if (new StringInfo(title).LengthInTextElements <= budget)
        {
            return title;
        }
        for (var max = Math.Min(title.Length, budget); max > 1; max--)
        {
            var cut = TextCutter.Cut(title, max);
            if (new StringInfo(cut).LengthInTextElements <= budget)
            {
                return cut;
            }
        }
        return string.Empty;
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);
}

/// <summary>
/// X's weighted length (twitter-text v3 configuration): code points in the Latin, general punctuation and similar
/// ranges weigh 1, all others (CJK, emoji...) weigh 2; URLs are counted separately as 23.
/// </summary>
public static partial class TweetText
{
    /// <summary>
    /// The weighted length of text as X counts it once posted: X turns bare domains ("example.com", "news.example.fr/a")
    /// into links of 23. Any two-letter ending counts as a country domain, so an unknown one is over-counted, never under.
    /// </summary>
    public static int WeightedLengthWithLinks(string text) =>
        WeightedLength(text, BareDomain().Matches(text).Select(match => match.Value).Distinct(StringComparer.Ordinal));

    private static readonly (int Start, int End)[] LightRanges = [(0, 4351), (8192, 8205), (8208, 8223), (8242, 8247)];

    public static int WeightedLength(string text)
    {
        var length = 0;
        var elements = StringInfo.GetTextElementEnumerator(text.Normalize(NormalizationForm.FormC));
        while (elements.MoveNext())
        {
            // X counts an emoji sequence (ZWJ family, flag, skin tone, variation selector) as one emoji weighing 2;
            // other characters weigh by their code points.
            var runes = elements.GetTextElement().EnumerateRunes().ToList();
            length += runes.All(IsLight) ? runes.Count : 2;
        }
        return length;
    }

    [System.Text.RegularExpressions.GeneratedRegex(
        @"(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:[a-z]{2}|com|org|net|info|biz|edu|gov|io|app|dev|news|blog|xyz|online|site|tech|media|tv|me)\b(?:/[^\s]*)?",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex BareDomain();

    private static bool IsLight(Rune rune) => LightRanges.Any(range => rune.Value >= range.Start && rune.Value <= range.End);

    /// <summary>The weighted length of a whole tweet whose URLs are the given ones (each counted as 23).</summary>
    public static int WeightedLength(string text, IEnumerable<string> urls)
    {
        var withoutUrls = new StringBuilder(text);
        var urlCount = 0;
        foreach (var url in urls)
        {
            var before = withoutUrls.Length;
            withoutUrls.Replace(url, string.Empty);
            urlCount += (before - withoutUrls.Length) / Math.Max(1, url.Length);
        }
        return WeightedLength(withoutUrls.ToString()) + urlCount * ShareSnippetBuilder.TweetUrlLength;
    }
}
