using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// A row of a newest-first listing: RowKey = inverted publication ticks + slug, so a plain ascending query is newest
/// first and a page is a range query, continued from the last RowKey seen. Table <c>articlesbydate</c> holds the site's,
/// one partition per month of publication (<see cref="ArticlesByDate"/>); table <c>articlesbytag</c> the same rows, one
/// partition per tag (its slug).
/// </summary>
public sealed class ListingEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
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
    public string TagsJson { get; set; } = "[]";

    /// <summary>The authors as written; a row written before they were kept has its <see cref="Author"/> only.</summary>
    public string? AuthorsJson { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<string> Authors
    {
        get => Json.Read<string[]>(AuthorsJson) ?? (Author is { Length: > 0 } author ? [author] : []);
        set => AuthorsJson = Json.Write(value);
    }

    [IgnoreDataMember]
    public IReadOnlyList<string> Tags
    {
        get => Json.Read<string[]>(TagsJson) ?? [];
        set => TagsJson = Json.Write(value);
    }

    /// <summary>
    /// The row of <paramref name="article"/> in a listing: the site's, in its month's partition, or a tag's
    /// (<paramref name="partition"/> = the tag's slug).
    /// </summary>
    public static ListingEntity For(StoredArticle article, string rowKey, string? partition = null) => new()
    {
        PartitionKey = partition ?? TableKeys.ListingPartitionOfRow(rowKey),
        RowKey = rowKey,
        Slug = article.Slug,
        Title = article.Title,
        Description = article.Description,
        Language = article.Language,
        Author = article.Author,
        Published = article.Published,
        Modified = article.Modified,
        // The image as the page shares it once resolved (an uploaded one has no URL before), else as the author gave it.
        Image = article.Outputs.ShareImage?.Url ?? article.Image,
        Tags = article.Tags,
        Authors = article.Authors,
    };

    /// <summary>Everything a listing shows of the article, hashed: equal fingerprints list the article identically.</summary>
    public string Fingerprint() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n',
        RowKey, Slug, Title, Description, Language, Author, Published.ToString("O"), Modified.ToString("O"), Image, TagsJson, AuthorsJson))))[..16];
}
