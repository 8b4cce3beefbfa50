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
    public const string MediaRow = "media";
    public const string JobRow = "job";
    public const string ListingPartition = "published";

    /// <summary>The reconciliation's own row in the sources table: <c>~</c> is no blob key's first character (they start with b or h).</summary>
    public const string ReconcileStatePartition = "~reconcile";
    public const string ReconcileStateRow = "state";

    /// <summary>The keywords table's partition of document frequencies and corpus-size shards.</summary>
    public const string TermCountPartition = "df";

    /// <summary>The corpus size is split over this many rows, so concurrent publishes rarely update the same one.</summary>
    public const int CorpusShards = 16;

    private const string CorpusShardPrefix = "~n";

    /// <summary>A slug is already [a-z0-9-]; refuse anything else rather than write a key Azure would reject.</summary>
    public static string ForSlug(string slug) =>
        Slugs.IsValid(slug) ? slug : throw new ArgumentException($"'{slug}' is not a valid slug.", nameof(slug));

    /// <summary>Inverted ticks put the newest first in RowKey order; the slug makes the key unique.</summary>
    public static string ListingRow(DateTimeOffset published, string slug) =>
        (DateTimeOffset.MaxValue.UtcTicks - published.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + ForSlug(slug);

    /// <summary>The publication time a <see cref="ListingRow"/> key stands for.</summary>
    public static DateTimeOffset PublishedOfListingRow(string rowKey) =>
        new(DateTimeOffset.MaxValue.UtcTicks - long.Parse(rowKey.AsSpan(0, 19), CultureInfo.InvariantCulture), TimeSpan.Zero);

    /// <summary>Bounds of the listing rows of the articles published in [<paramref name="from"/>, <paramref name="to"/>): RowKey ge First and lt End.</summary>
    public static (string First, string End) ListingRowsPublishedIn(DateTimeOffset from, DateTimeOffset to) =>
        (Inverted(to.UtcTicks - 1), Inverted(from.UtcTicks - 1));

    private static string Inverted(long ticks) => (DateTimeOffset.MaxValue.UtcTicks - ticks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>The corpus-size shard an article counts in: fixed per slug, so counting it again is recognised.</summary>
    public static string CorpusShardRow(string slug) =>
        CorpusShardPrefix + ((int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(slug))) % CorpusShards)).ToString("D2", CultureInfo.InvariantCulture);

    public static bool IsCorpusShardRow(string rowKey) => rowKey.StartsWith(CorpusShardPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The row recording what an article has counted in the document frequencies, written in the same batch as the
    /// counts: a crash between that batch and the record's update cannot make a redelivery count the article twice.
    /// </summary>
    public static string CountedTermsRow(string slug) => "~c" + ForSlug(slug);

    public static string KeywordPartition(string term) => "w:" + term;

    public static string TagPartition(string tagKey) => "g:" + tagKey;

    /// <summary>Heavier first: the inverted weight (0–9999), then the slug.</summary>
    public static string KeywordRow(double weight, string slug) =>
        ((int)Math.Round((1 - Math.Clamp(weight, 0, 1)) * 9999)).ToString("D4", CultureInfo.InvariantCulture) + "-" + ForSlug(slug);

    /// <summary>Keyword rows sort below this (they start with a digit), document-frequency rows never share their partition.</summary>
    public const string KeywordRowsEnd = "a";

    /// <summary>
    /// Blob names may hold folders, spaces and any Unicode: base64url keeps every name readable back and within the
    /// key alphabet; names too long for a 1 KiB key use their SHA-256 instead.
    /// </summary>
    public static string ForBlobName(string blobName)
    {
        var bytes = Encoding.UTF8.GetBytes(blobName);
        return bytes.Length <= 300
            ? "b" + System.Buffers.Text.Base64Url.EncodeToString(bytes)
            : "h" + Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    public static bool IsValidKey(string key) =>
        key.Length <= 512 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
