using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using Serverless.Core.Articles;

namespace Serverless.Core.Storage;

/// <summary>
/// Table <c>articles</c>: PartitionKey = slug, RowKey = <see cref="TableKeys.ArticleRow"/>. The render-ready record that
/// ingest (stage 1) writes. Rendering (stage 2) keeps the state of its outputs in the other row of the partition
/// (<see cref="ArticleOutputsEntity"/>), so neither stage's write conflicts with the other's; a page view or an API
/// read gets both rows in one query (<see cref="StoredArticle"/>).
/// </summary>
public sealed class ArticleEntity : ITableEntity, IArticleMetadata, IHasLargeProperties<ArticleEntity>
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = TableKeys.ArticleRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    [IgnoreDataMember]
    public string Slug => PartitionKey;

    public string Title { get; set; } = string.Empty;

    /// <summary>A <see cref="Articles.SlugSource"/> name: why the article lives at this slug.</summary>
    public string SlugSource { get; set; } = nameof(Articles.SlugSource.Title);
    public string Description { get; set; } = string.Empty;
    public string Language { get; set; } = string.Empty;
    public string? Author { get; set; }
    public DateTimeOffset Published { get; set; }
    public DateTimeOffset Modified { get; set; }

    /// <summary><see cref="Article.Updated"/>: when the page says the article was updated.</summary>
    public DateTimeOffset? Updated { get; set; }

    /// <summary>The authors (<see cref="Article.Authors"/>); a record stored before they were kept has its <see cref="Author"/> only.</summary>
    public string? AuthorsJson { get; set; }
    public string TagsJson { get; set; } = "[]";
    public string? Image { get; set; }
    public string? ImageAlt { get; set; }
    public string? AuthorUrl { get; set; }
    public string? AuthorHandle { get; set; }
    public string? AuthorFediverse { get; set; }
    public string? Section { get; set; }

    /// <summary>The blob path of the front matter image when it is a file uploaded beside the article.</summary>
    public string? ImagePath { get; set; }

    /// <summary>The body's uploaded images (<see cref="ArticleImage"/>), in marker order.</summary>
    public string ImagesJson { get; set; } = "[]";
    public int WordCount { get; set; }
    public int ReadingMinutes { get; set; }
    public string WarningsJson { get; set; } = "[]";

    /// <summary>The uploaded blob this article comes from, and its last-modified time: an older version never replaces a newer one.</summary>
    public string SourceBlob { get; set; } = string.Empty;
    public DateTimeOffset SourceLastModified { get; set; }

    /// <summary>The body's HTML fragment, in the bodies container.</summary>
    public string? BodyBlob { get; set; }

    /// <summary>The article's links to other articles (<see cref="ArticleLink"/>), in order.</summary>
    public string LinksJson { get; set; } = "[]";

    /// <summary>The article's keywords and their TF-IDF weights, normalised to unit length.</summary>
    public string KeywordsJson { get; set; } = "{}";

    /// <summary>The article's counted terms and how often each occurs: its keywords are weighed again from these as the corpus grows.</summary>
    public string TermFrequenciesJson { get; set; } = "{}";

    /// <summary>
    /// The corpus size <see cref="Keywords"/> were weighed against (<see cref="Linking.RelatedArticles.IsDue"/>); 0 when
    /// not weighed yet: an article ingested during an import is weighed once it settles (<c>Render.ImportSettlement</c>).
    /// </summary>
    public int WeighedCorpus { get; set; }

    /// <summary>
    /// True while the pages this article affects (those citing it, its neighbours in its tags) are still to be told: a
    /// new article ingested during an import leaves them to the weighing of its keywords (<c>Render.KeywordReweigher</c>),
    /// which finds them in the indexes the settlement reads whole, rather than in five queries at its ingest. Its ingest
    /// also leaves it its link and tag rows (<c>Ingest.ArticleRecords.IngestEntries</c>), and its page does not tell the
    /// pages it cites until they can read its citation rows (<see cref="RenderedLinks.CitedUntold"/>).
    /// </summary>
    public bool AffectedPagesPending { get; set; }

    /// <summary>Identifies the record's content: rendering is skipped while this and the other inputs are unchanged.</summary>
    public string? RecordHash { get; set; }

    /// <summary>The index rows that currently stand for this article (<see cref="IndexState"/>), so that an update removes exactly what it replaces.</summary>
    public string? IndexedJson { get; set; }

    /// <summary>
    /// The live version the last switch replaced (slug, title, relatedness), so that a delivery finding the switch already
    /// made, after a crash, still renders the pages that cited or suggested it.
    /// </summary>
    public string? ReplacedJson { get; set; }

    /// <summary>An <see cref="ArticleStatus"/> name.</summary>
    public string Status { get; set; } = nameof(ArticleStatus.Published);
    public string? StatusMessage { get; set; }

    /// <summary>For <see cref="ArticleStatus.Moved"/>: the slug the article now lives at.</summary>
    public string? MovedTo { get; set; }

    /// <summary>The blobs holding the row's large values as last read or written (<see cref="Storage.LargeProperties"/>), by property.</summary>
    [IgnoreDataMember]
    public IReadOnlyDictionary<string, string> StoredReferences { get; set; } = new Dictionary<string, string>();

    /// <summary>
    /// The row as read when it was written before the split and still holds the outputs' state
    /// (<see cref="ArticleOutputsEntity.FromLegacyRow"/>); null once the partition has its outputs row. Saving the record
    /// first copies that state to its row, so no write drops it.
    /// </summary>
    [IgnoreDataMember]
    internal TableEntity? LegacyRow { get; set; }

    public static string ValueBlobPrefix => string.Empty;

    public static IReadOnlyList<LargeProperty<ArticleEntity>> LargeProperties { get; } =
    [
        new(nameof(TagsJson), article => article.TagsJson, (article, value) => article.TagsJson = value ?? "[]"),
        new(nameof(ImagesJson), article => article.ImagesJson, (article, value) => article.ImagesJson = value ?? "[]"),
        new(nameof(WarningsJson), article => article.WarningsJson, (article, value) => article.WarningsJson = value ?? "[]"),
        new(nameof(LinksJson), article => article.LinksJson, (article, value) => article.LinksJson = value ?? "[]"),
        new(nameof(IndexedJson), article => article.IndexedJson, (article, value) => article.IndexedJson = value),
        new(nameof(ReplacedJson), article => article.ReplacedJson, (article, value) => article.ReplacedJson = value),
    ];

    [IgnoreDataMember]
    public IReadOnlyList<string> Tags
    {
        get => Json.Read<string[]>(TagsJson) ?? [];
        set => TagsJson = Json.Write(value);
    }

    [IgnoreDataMember]
    public IReadOnlyList<string> Authors
    {
        get => Json.Read<string[]>(AuthorsJson) ?? (Author is { Length: > 0 } author ? [author] : []);
        set => AuthorsJson = Json.Write(value);
    }

    [IgnoreDataMember]
    public IReadOnlyList<string> Warnings
    {
        get => Json.Read<string[]>(WarningsJson) ?? [];
        set => WarningsJson = Json.Write(value);
    }

    [IgnoreDataMember]
    public IReadOnlyList<ArticleImage> Images
    {
        get => Json.Read<ArticleImage[]>(ImagesJson) ?? [];
        set => ImagesJson = Json.Write(value);
    }

    /// <summary>Every uploaded image the page shows (front matter first), by blob path, once each.</summary>
    [IgnoreDataMember]
    public IReadOnlyList<string> ImagePaths =>
        [.. new[] { ImagePath }.OfType<string>().Concat(Images.Select(image => image.Path)).Distinct(StringComparer.Ordinal)];

    [IgnoreDataMember]
    public IReadOnlyList<ArticleLink> Links
    {
        get => Json.Read<ArticleLink[]>(LinksJson) ?? [];
        set => LinksJson = Json.Write(value);
    }

    [IgnoreDataMember]
    public IReadOnlyDictionary<string, double> Keywords
    {
        get => Json.Read<Dictionary<string, double>>(KeywordsJson) ?? [];
        set => KeywordsJson = Json.Write(value);
    }

    [IgnoreDataMember]
    public IReadOnlyDictionary<string, int> TermFrequencies
    {
        get => Json.Read<Dictionary<string, int>>(TermFrequenciesJson) ?? [];
        set => TermFrequenciesJson = Json.Write(value);
    }

    [IgnoreDataMember]
    public IndexState Indexed
    {
        get => Json.Read<IndexState>(IndexedJson) ?? IndexState.Empty;
        set => IndexedJson = Json.Write(value);
    }

    [IgnoreDataMember]
    public ArticleStatus ArticleStatus => Enum.Parse<ArticleStatus>(Status);

    /// <summary>Whether the record is current: published, or failed while an earlier version stays served.</summary>
    [IgnoreDataMember]
    public bool IsLive => ArticleStatus is ArticleStatus.Published or ArticleStatus.Failed && RecordHash is not null;
}
