using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Serverless.Core.Articles;

namespace Serverless.Core.Storage;

/// <summary>Table <c>articles</c>: PartitionKey = slug, RowKey = <see cref="TableKeys.ArticleRow"/>. A page view is one point read.</summary>
public sealed class ArticleEntity : ITableEntity, IArticleMetadata
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = TableKeys.ArticleRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    [IgnoreDataMember]
    public string Slug => PartitionKey;

    public string Title { get; set; } = string.Empty;
    public string Description { get; set; } = string.Empty;
    public string Language { get; set; } = string.Empty;
    public string? Author { get; set; }
    public DateTimeOffset Published { get; set; }
    public DateTimeOffset Modified { get; set; }
    public string TagsJson { get; set; } = "[]";
    public string? Image { get; set; }
    public string? ImageAlt { get; set; }
    public int WordCount { get; set; }
    public int ReadingMinutes { get; set; }

    /// <summary>An <see cref="ArticleStatus"/> name.</summary>
    public string Status { get; set; } = nameof(ArticleStatus.Published);
    public string? StatusMessage { get; set; }
    public string WarningsJson { get; set; } = "[]";

    /// <summary>The uploaded blob this article comes from.</summary>
    public string SourceBlob { get; set; } = string.Empty;

    /// <summary>The served page's blob in the pages container; null once unpublished.</summary>
    public string? PageBlob { get; set; }

    /// <summary>Hash of the served page's bytes: its HTTP ETag.</summary>
    public string? PageHash { get; set; }

    /// <summary>RowKey of this article's row in the newest-first listing, to move or remove it.</summary>
    public string? ListingRowKey { get; set; }

    /// <summary>For <see cref="ArticleStatus.Moved"/>: the slug the article now lives at.</summary>
    public string? MovedTo { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<string> Tags
    {
        get => JsonSerializer.Deserialize<string[]>(TagsJson) ?? [];
        set => TagsJson = JsonSerializer.Serialize(value);
    }

    [IgnoreDataMember]
    public IReadOnlyList<string> Warnings
    {
        get => JsonSerializer.Deserialize<string[]>(WarningsJson) ?? [];
        set => WarningsJson = JsonSerializer.Serialize(value);
    }

    [IgnoreDataMember]
    public ArticleStatus ArticleStatus => Enum.Parse<ArticleStatus>(Status);

    /// <summary>Whether readers get the page: a failed republish keeps serving the previous version.</summary>
    [IgnoreDataMember]
    public bool IsServed => PageBlob is not null && ArticleStatus is ArticleStatus.Published or ArticleStatus.Failed;
}

/// <summary>
/// Table <c>articlesbydate</c>: one partition, RowKey = inverted publication ticks + slug, so a plain ascending query is
/// newest first and a page of the listing is one range query, continued from the last RowKey seen.
/// </summary>
public sealed class ListingEntity : ITableEntity
{
    public string PartitionKey { get; set; } = TableKeys.ListingPartition;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Slug { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
    public string Description { get; set; } = string.Empty;
    public string Language { get; set; } = string.Empty;
    public string? Author { get; set; }
    public DateTimeOffset Published { get; set; }
    public DateTimeOffset Modified { get; set; }
    public string? Image { get; set; }

    public static ListingEntity For(Article article, string rowKey) => new()
    {
        RowKey = rowKey,
        Slug = article.Slug,
        Title = article.Title,
        Description = article.Description,
        Language = article.Language,
        Author = article.Author,
        Published = article.Published,
        Modified = article.Modified,
        Image = article.Image,
    };
}

/// <summary>Table <c>relatedlinks</c>: PartitionKey = the article's slug, RowKey = position; one partition query per article.</summary>
public sealed class RelatedLinkEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Title { get; set; } = string.Empty;

    /// <summary>The normalized title used to resolve the link to a published article.</summary>
    public string TitleKey { get; set; } = string.Empty;

    /// <summary>The author's target, or null for a placeholder.</summary>
    public string? Target { get; set; }

    /// <summary>The slug of the article the link was resolved to, once it is.</summary>
    public string? ResolvedSlug { get; set; }
}

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

    /// <summary>Base64 MD5 of the processed content, comparable with the Content-MD5 storage reports in a listing.</summary>
    public string? ContentMd5 { get; set; }
    public string? BlobETag { get; set; }
    public string? RenderVersion { get; set; }
    public DateTimeOffset ProcessedAt { get; set; }

    [IgnoreDataMember]
    public SourceStatus SourceStatus => Enum.Parse<SourceStatus>(Status);
}

/// <summary>How the latest processing of an uploaded blob went.</summary>
public enum SourceStatus
{
    Published,
    Failed,
    Draft,
    /// <summary>Not an article (wrong extension): kept in the container, never rendered.</summary>
    Ignored,
}
