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

    /// <summary>The article partition's row of the outputs' state (<see cref="ArticleOutputsEntity"/>), beside its record.</summary>
    public const string OutputsRow = "outputs";
    public const string SourceRow = "source";
    public const string MediaRow = "media";

    /// <summary>
    /// The single partition the newest-first listing had before it was spread over months: read as an overlay while
    /// rows remain in it, each moved by its article's next render (<see cref="LegacyListing"/>).
    /// </summary>
    public const string LegacyListingPartition = "published";

    /// <summary>The index of the listing's months, in the listing's table: two rows per month that holds or held an article.</summary>
    public const string ListingMonthsPartition = "months";

    /// <summary>First character of the index rows read newest month first, and of those read oldest month first.</summary>
    public const string MonthsNewestFirstPrefix = "n";
    public const string MonthsOldestFirstPrefix = "o";

    /// <summary>Above every index row of <paramref name="prefix"/>: their other characters are digits and hyphens.</summary>
    public static string MonthsRowsEnd(string prefix) => prefix + "~";

    public const string JobRow = "job";

    /// <summary>The reconciliation's own row in the sources table: <c>~</c> is no blob key's first character (they start with b or h).</summary>
    public const string ReconcileStatePartition = "~reconcile";
    public const string ReconcileStateRow = "state";

    /// <summary>
    /// The keywords table's partition of document frequencies (RowKey = term), the corpus size (<see cref="CorpusRow"/>)
    /// and what each article's counts there stand for (<see cref="CountedTermsRow"/>). One writer, the merger, keeps it.
    /// </summary>
    public const string TermCountPartition = "df";

    /// <summary>The corpus size: one row, its single writer being the merger.</summary>
    public const string CorpusRow = "~n";

    /// <summary>
    /// Corpus rows sort from <see cref="CorpusRow"/> up to this: the row itself and the 16 shards <c>~n00</c>…<c>~n15</c>
    /// that concurrent ingests wrote before the merger existed, which it folds into the row the first time it counts.
    /// </summary>
    public const string CorpusRowsEnd = "~o";

    /// <summary>
    /// Pending counts are spread over this many partitions by slug: each takes ~3 entity operations per publish (the
    /// ingest's write, the merger's read and delete), ~40/s at 50 publishes/s, 2 % of a partition's target.
    /// </summary>
    public const int PendingCountsShards = 4;

    private const string PendingCountsPrefix = "dfq:";

    /// <summary>A slug is already [a-z0-9-]; refuse anything else rather than write a key Azure would reject.</summary>
    public static string ForSlug(string slug) =>
        Slugs.IsValid(slug) ? slug : throw new ArgumentException($"'{slug}' is not a valid slug.", nameof(slug));

    /// <summary>An author's partition of the tag listing table: @ and the author's slug, which no tag's slug can be.</summary>
    public static string AuthorListingPartition(string authorSlug) => "@" + ForSlug(authorSlug);

    /// <summary>Inverted ticks put the newest first in RowKey order; the slug makes the key unique.</summary>
    public static string ListingRow(DateTimeOffset published, string slug) =>
        (DateTimeOffset.MaxValue.UtcTicks - published.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + ForSlug(slug);

    /// <summary>The publication time a <see cref="ListingRow"/> key stands for.</summary>
    public static DateTimeOffset PublishedOfListingRow(string rowKey) =>
        new(DateTimeOffset.MaxValue.UtcTicks - long.Parse(rowKey.AsSpan(0, 19), CultureInfo.InvariantCulture), TimeSpan.Zero);

    /// <summary>Bounds of the listing rows of the articles published in [<paramref name="from"/>, <paramref name="to"/>): RowKey ge First and lt End.</summary>
    public static (string First, string End) ListingRowsPublishedIn(DateTimeOffset from, DateTimeOffset to) =>
        (Inverted(to.UtcTicks - 1), Inverted(from.UtcTicks - 1));

    /// <summary>The listing's partition of the articles published in <paramref name="month"/>: <c>m2026-12</c>.</summary>
    public static string ListingMonthPartition(ListingMonth month) => "m" + month;

    /// <summary>The listing's partition a <see cref="ListingRow"/> key belongs in: its publication month's.</summary>
    public static string ListingPartitionOfRow(string rowKey) => ListingMonthPartition(ListingMonth.Of(PublishedOfListingRow(rowKey)));

    /// <summary>The month's row in the index read newest month first: the month number inverted.</summary>
    public static string ListingMonthNewestFirstRow(ListingMonth month) =>
        MonthsNewestFirstPrefix + (ListingMonth.Count - 1 - month.Number).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The month's row in the index read oldest month first: <c>o2026-12</c>.</summary>
    public static string ListingMonthOldestFirstRow(ListingMonth month) => MonthsOldestFirstPrefix + month;

    /// <summary>Whether <paramref name="rowKey"/> has the shape of a <see cref="ListingRow"/> key: 19 digits of a representable time, a hyphen, a slug.</summary>
    public static bool IsListingRow(string rowKey) =>
        rowKey.Length >= 21 && rowKey.AsSpan(0, 19).IndexOfAnyExceptInRange('0', '9') < 0 && rowKey[19] == '-' && Slugs.IsValid(rowKey[20..])
        && string.CompareOrdinal(rowKey, 0, Inverted(DateTimeOffset.MinValue.UtcTicks), 0, 19) <= 0;

    private static string Inverted(long ticks) => (DateTimeOffset.MaxValue.UtcTicks - ticks).ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>
    /// The partition of an article's pending counts (RowKey = its slug), fixed per slug: what ingest writes instead of
    /// the document frequencies, which no ingest writes.
    /// </summary>
    public static string PendingCountsPartition(string slug) =>
        PendingCountsPartitions[(int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(ForSlug(slug)))) % PendingCountsShards)];

    /// <summary>Every partition of pending counts, as the merger reads them: <c>dfq:0</c>…</summary>
    public static IReadOnlyList<string> PendingCountsPartitions { get; } =
        [.. Enumerable.Range(0, PendingCountsShards).Select(shard => PendingCountsPrefix + shard.ToString(CultureInfo.InvariantCulture))];

    /// <summary>
    /// The row recording what an article's counts in the document frequencies stand for, written by the merger in the
    /// same batch as the counts: a crash between that batch and the deletion of the pending counts it applied cannot
    /// make the next pass count them twice.
    /// </summary>
    public static string CountedTermsRow(string slug) => CountedTermsPrefix + ForSlug(slug);

    public const string CountedTermsPrefix = "~c";

    /// <summary>Rows of merged counts sort from <see cref="CountedTermsPrefix"/> up to this.</summary>
    public const string CountedTermsEnd = "~d";

    /// <summary>
    /// The counted and corpus rows sort from this up to <see cref="ReservedRowsEnd"/>; terms (letters and digits, of any
    /// script) sort before or after, never between.
    /// </summary>
    public const string ReservedRows = "~";

    public const string ReservedRowsEnd = "~~";

    public static string KeywordPartition(string term) => "w:" + term;

    public static string TagPartition(string tagKey) => "g:" + tagKey;

    /// <summary>
    /// The articles of a tag (by its slug), by listing RowKey (newest first): where an article page finds its previous and
    /// next articles in its first tag. Written at ingest, so a page never waits for its neighbours' renders to find them.
    /// </summary>
    public static string NeighbourPartition(string tagSlug) => "n:" + tagSlug;

    /// <summary>The articles whose keywords were weighed against a corpus of the same <see cref="Linking.RelatedArticles.Generation"/>, by slug.</summary>
    public static string WeighingPartition(int generation) => "rw:" + generation.ToString("D3", CultureInfo.InvariantCulture);

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
