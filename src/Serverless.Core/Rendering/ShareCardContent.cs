using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Serverless.Core.Articles;
using Serverless.Core.Configuration;

namespace Serverless.Core.Rendering;

/// <summary>
/// Exactly what a share card is drawn from: the article's title, the site's name, the publication date as printed in
/// the article's language, and its first tags. Two cards of equal content are the same bytes.
/// </summary>
public sealed partial record ShareCardContent(string Title, string SiteName, string Date, IReadOnlyList<string> Tags)
{
    /// <summary>Tags beyond these are never drawn, so they do not change the card.</summary>
    public const int MaxTags = 5;

    public static ShareCardContent For(IArticleMetadata article, SiteOptions site) =>
        new(article.Title, site.Name, FormatDate(article.Published, article.Language), [.. article.Tags.Take(MaxTags)]);

    /// <summary>
    /// The long date of <paramref name="language"/> without the weekday ("19 décembre 2024", "December 19, 2024"), of
    /// the UTC day, as pages print it: a record read back from Table Storage holds its dates in UTC.
    /// </summary>
    public static string FormatDate(DateTimeOffset date, string language)
    {
        var culture = OpenGraphLocale.Culture(language);
        var pattern = Weekday().Replace(culture.DateTimeFormat.LongDatePattern, string.Empty).Trim();
        return date.ToUniversalTime().ToString(pattern.Length > 0 ? pattern : "yyyy-MM-dd", culture);
    }

    /// <summary>
    /// A short hash of this content and of <see cref="ShareCardRenderer.Template"/>: the card's version, in its URL
    /// (<see cref="SiteUrls.ShareCard"/>) and in its blob's name.
    /// </summary>
    public string Version
    {
        get
        {
            // The JSON array [template, title, site name, date, [tags]], written as JsonSerializer writes it, hashed.
            var buffer = new ArrayBufferWriter<byte>(256);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartArray();
                json.WriteStringValue(ShareCardRenderer.Template);
                json.WriteStringValue(Title);
                json.WriteStringValue(SiteName);
                json.WriteStringValue(Date);
                json.WriteStartArray();
                foreach (var tag in Tags)
                {
                    json.WriteStringValue(tag);
                }
                json.WriteEndArray();
                json.WriteEndArray();
            }
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.WrittenSpan, hash);
            return Convert.ToHexStringLower(hash[..8]);
        }
    }

    /// <summary>The weekday field of a .NET date pattern, with the separator that follows or precedes it.</summary>
    [GeneratedRegex(@"dddd[,.]?\s*|\s*,?\s*dddd")]
    private static partial Regex Weekday();
}
