using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>Table <c>sources</c>: PartitionKey = <see cref="TableKeys.ForBlobName"/>; what was last processed for each uploaded blob.</summary>
public sealed class SourceEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = TableKeys.SourceRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string BlobName { get; set; } = string.Empty;

    /// <summary>A <see cref="SourceStatus"/> name.</summary>
    public string Status { get; set; } = string.Empty;
    public string? Message { get; set; }
    public string WarningsJson { get; set; } = "[]";
    public string? Slug { get; set; }

    /// <summary>For a published image: its public path (<c>/media/{hash}/{name}</c>); null for articles, which have a slug.</summary>
    public string? MediaPath { get; set; }

    /// <summary>
    /// For an image: its replaced versions still served to pages cached before the replacement, until
    /// <see cref="Ingest.MediaIngester.ReplacedGrace"/> has passed; then the reconciliation deletes their files.
    /// </summary>
    public string? RetiredMediaJson { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<Images.RetiredMedia> RetiredMedia
    {
        get => Json.Read<Images.RetiredMedia[]>(RetiredMediaJson) ?? [];
        set => RetiredMediaJson = value.Count == 0 ? null : Json.Write(value);
    }

    /// <summary>Base64 MD5 of the processed content, comparable with the Content-MD5 storage reports in a listing.</summary>
    public string? ContentMd5 { get; set; }
    public string? BlobETag { get; set; }
    public DateTimeOffset? BlobLastModified { get; set; }

    /// <summary>The ingest version (parser and the settings it reads) the content was processed with.</summary>
    public string? IngestVersion { get; set; }

    /// <summary>False when the outcome depends on other articles (a slug taken by another blob): processed again until settled.</summary>
    public bool Settled { get; set; } = true;

    /// <summary>For <see cref="SourceStatus.Scheduled"/>: when the article becomes public (its date).</summary>
    public DateTimeOffset? ReleaseAt { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }

    /// <summary>
    /// Set by the reconciliation when storage fails to list this blob (<see cref="UnlistableBlob"/>): what the author
    /// should do. Cleared by the next ingest, which writes a new record; set again while the name stays.
    /// </summary>
    public string? ListingProblem { get; set; }

    [IgnoreDataMember]
    public SourceStatus SourceStatus => Enum.Parse<SourceStatus>(Status);
}
