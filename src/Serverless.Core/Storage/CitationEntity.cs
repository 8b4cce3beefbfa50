using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// Table <c>citations</c>: PartitionKey = a <see cref="Linking.ReferenceKeys">reference key</see> (slug, path or title),
/// RowKey = the publication time (inverted, newest first) and slug of a published article that has a link with that key
/// (<see cref="TableKeys.ListingRow"/>). Publishing or removing an article finds the pages that cite it with one partition
/// query per key, and its "cited in" list reads the newest first.
/// </summary>
public sealed class CitationEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>The citing article. Empty in rows written before the RowKey held the date, whose RowKey is the slug.</summary>
    public string Slug { get; set; } = string.Empty;

    public string CitingTitle { get; set; } = string.Empty;

    [IgnoreDataMember]
    public string CitingSlug => Slug.Length > 0 ? Slug : RowKey;

    /// <summary>The full key lists of the citing article's links that hold this key: which article they resolve to depends on all of them.</summary>
    public string KeysJson { get; set; } = "[]";

    [IgnoreDataMember]
    public IReadOnlyList<IReadOnlyList<string>> LinkKeys
    {
        get => Json.Read<string[][]>(KeysJson) ?? [];
        set => KeysJson = Json.Write(value);
    }
}
