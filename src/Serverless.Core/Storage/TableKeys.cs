using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Serverless.Core.Parsing;

namespace Serverless.Core.Storage;

/// <summary>
/// Every Table Storage key the backend writes. Keys may not hold / \ # ? or control characters, and Azurite does not
/// enforce that as Azure does, so each key is built here from characters known to be safe and checked.
/// </summary>
public static class TableKeys
{
    public const string ArticleRow = "article";
    public const string SourceRow = "source";
    public const string ListingPartition = "published";

    /// <summary>A slug is already [a-z0-9-]; refuse anything else rather than write a key Azure would reject.</summary>
    public static string ForSlug(string slug) =>
        Slugs.IsValid(slug) ? slug : throw new ArgumentException($"'{slug}' is not a valid slug.", nameof(slug));

    /// <summary>Inverted ticks put the newest first in RowKey order; the slug makes the key unique.</summary>
    public static string ListingRow(DateTimeOffset published, string slug) =>
        (DateTimeOffset.MaxValue.UtcTicks - published.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + ForSlug(slug);

    public static string RelatedLinkRow(int position) => position.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>
    /// Blob names may hold folders, spaces and any Unicode: base64url keeps every name readable back and within the
    /// key alphabet; names too long for a 1 KiB key use their SHA-256 instead.
    /// </summary>
    public static string ForBlobName(string blobName)
    {
        var bytes = Encoding.UTF8.GetBytes(blobName);
        return bytes.Length <= 300
            ? "b" + Base64Url(bytes)
            : "h" + Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    public static bool IsValidKey(string key) =>
        key.Length <= 512 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
