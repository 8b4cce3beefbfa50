using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using Serverless.Core.Articles;

namespace Serverless.Core.Storage;

/// <summary>
/// Table <c>articles</c>: PartitionKey = slug, RowKey = <see cref="TableKeys.ArticleRow"/>. Holds the render-ready record
/// that ingest (stage 1) writes and the state of the outputs that rendering (stage 2) writes; a page view or an API read
/// is one point read.
/// </summary>
public sealed class ArticleEntity : ITableEntity, IArticleMetadata
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = TableKeys.ArticleRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    [IgnoreDataMember]
    public string Slug => PartitionKey;

    // The record, written by ingest.
    public string Title { get; set; } = string.Empty;

    /// <summary>A <see cref="Articles.SlugSource"/> name: why the article lives at this slug.</summary>
    public string SlugSource { get; set; } = nameof(Articles.SlugSource.Title);
    public string Description { get; set; } = string.Empty;
    public string Language { get; set; } = string.Empty;
    public string? Author { get; set; }
    public DateTimeOffset Published { get; set; }
    public DateTimeOffset Modified { get; set; }
    public string TagsJson { get; set; } = "[]";
    public string? Image { get; set; }
    public string? ImageAlt { get; set; }
    public string? AuthorUrl { get; set; }
    public string? AuthorHandle { get; set; }
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

    /// <summary>The terms counted in the corpus's document frequencies for this article.</summary>
    public string TermsJson { get; set; } = "[]";

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

    // The outputs, written by rendering.

    /// <summary>The served page's blob in the pages container; null until rendered and once unpublished.</summary>
    public string? PageBlob { get; set; }

    /// <summary>Hash of the served page's bytes: its HTTP ETag.</summary>
    public string? PageHash { get; set; }

    /// <summary>Hash of everything the served page was rendered from: record, resolved links, backlinks, related list, template.</summary>
    public string? PageInputHash { get; set; }

    /// <summary>
    /// When the render that produced the served page started reading its inputs (the renderer's clock): a render
    /// message enqueued before then, less <see cref="Publishing.OutputPublisher.ClockSkew"/>, asks for nothing newer.
    /// </summary>
    public DateTimeOffset? InputsReadAt { get; set; }

    /// <summary>The <see cref="RecordHash"/> the served page was rendered from; different means a render is due.</summary>
    public string? RenderedRecordHash { get; set; }

    /// <summary>The template version of the served page.</summary>
    public string? RenderVersion { get; set; }

    /// <summary>RowKey of this article's row in the newest-first listing, to move or remove it.</summary>
    public string? ListingRowKey { get; set; }

    /// <summary>
    /// The version of the share card stored for this article (<see cref="ShareCardStore.BlobNameFor"/>): set while it is
    /// served, null otherwise.
    /// </summary>
    public string? ShareCardVersion { get; set; }

    /// <summary>The links, backlinks and related articles as last rendered (<see cref="RenderedLinks"/>), for the API.</summary>
    public string? RenderedLinksJson { get; set; }

    /// <summary>The article's own image as the served page shares it (resolved at render time), as JSON; null shares the card.</summary>
    public string? ShareImageJson { get; set; }

    /// <summary>Why the latest render failed for good (its message went to the poison queue); cleared by the next successful render.</summary>
    public string? RenderFailure { get; set; }

    /// <summary>Work that must follow the last output switch (<see cref="PendingWork"/>): redone by the next render until done.</summary>
    public string? PendingJson { get; set; }

    /// <summary>
    /// What each site-wide output (feeds, sitemap, tag pages) last published for this article, by output name: lets it
    /// skip a render that changes nothing it shows, and remove exactly what it added.
    /// </summary>
    public string? OutputsJson { get; set; }

    /// <summary>The blobs holding the row's large values as last read or written (<see cref="LargeProperties"/>), by property.</summary>
    [IgnoreDataMember]
    internal IReadOnlyDictionary<string, string> StoredReferences { get; set; } = new Dictionary<string, string>();

    [IgnoreDataMember]
    public Rendering.ShareImage? ShareImage
    {
        get => Json.Read<Rendering.ShareImage>(ShareImageJson);
        set => ShareImageJson = value is null ? null : Json.Write(value);
    }

    [IgnoreDataMember]
    public IReadOnlyList<string> Tags
    {
        get => Json.Read<string[]>(TagsJson) ?? [];
        set => TagsJson = Json.Write(value);
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
    public IReadOnlyList<string> Terms
    {
        get => Json.Read<string[]>(TermsJson) ?? [];
        set => TermsJson = Json.Write(value);
    }

    [IgnoreDataMember]
    public IndexState Indexed
    {
        get => Json.Read<IndexState>(IndexedJson) ?? IndexState.Empty;
        set => IndexedJson = Json.Write(value);
    }

    [IgnoreDataMember]
    public RenderedLinks Rendered
    {
        get => Json.Read<RenderedLinks>(RenderedLinksJson) ?? RenderedLinks.Empty;
        set => RenderedLinksJson = Json.Write(value);
    }

    [IgnoreDataMember]
    public PendingWork? Pending
    {
        get => PendingJson is null ? null : Json.Read<PendingWork>(PendingJson);
        set => PendingJson = value is null ? null : Json.Write(value);
    }

    /// <summary>The state <paramref name="output"/> last recorded for this article, or null.</summary>
    public string? OutputState(string output) =>
        (Json.Read<Dictionary<string, string>>(OutputsJson) ?? []).GetValueOrDefault(output);

    /// <summary>Records (or, with null, forgets) <paramref name="output"/>'s state; saved with the record.</summary>
    public void SetOutputState(string output, string? state)
    {
        var states = Json.Read<Dictionary<string, string>>(OutputsJson) ?? new Dictionary<string, string>(StringComparer.Ordinal);
        if (state is null)
        {
            states.Remove(output);
        }
        else
        {
            states[output] = state;
        }
        OutputsJson = states.Count == 0 ? null : Json.Write(states);
    }

    [IgnoreDataMember]
    public ArticleStatus ArticleStatus => Enum.Parse<ArticleStatus>(Status);

    /// <summary>Whether the record is current: published, or failed while an earlier version stays served.</summary>
    [IgnoreDataMember]
    public bool IsLive => ArticleStatus is ArticleStatus.Published or ArticleStatus.Failed && RecordHash is not null;

    /// <summary>Whether readers get the page: a failed republish keeps serving the previous version.</summary>
    [IgnoreDataMember]
    public bool IsServed => PageBlob is not null && IsLive;
}

/// <summary>The index rows that stand for one article, by table: what the next update must replace.</summary>
public sealed record IndexState(IReadOnlyList<IndexRow> Rows, IReadOnlyList<string> CountedTerms, bool InCorpus)
{
    public static IndexState Empty { get; } = new([], [], false);
}

/// <summary>One index row: its table, keys, and a hash of its content so that unchanged rows are not written again.</summary>
public sealed record IndexRow(IndexTable Table, string PartitionKey, string RowKey, string ContentHash);

public enum IndexTable
{
    Titles,
    Citations,
    Keywords,
}

/// <summary>What the API shows of an article's connections as of its last render, and the title its backlinks were given.</summary>
public sealed record RenderedLinks(string? Title, IReadOnlyList<RenderedLink> Links, IReadOnlyList<Backlink> Backlinks, IReadOnlyList<string> Warnings)
{
    public static RenderedLinks Empty { get; } = new(null, [], [], []);

    /// <summary>The articles this one links to: their "cited in" lists show it.</summary>
    public IEnumerable<string> CitedSlugs => Links.Where(link => link.Kind == RenderedLink.Explicit && link.Slug is not null).Select(link => link.Slug!);
}

/// <summary>An explicit or computed link as rendered: <see cref="Slug"/> is null while unresolved (or for another site).</summary>
public sealed record RenderedLink(string Kind, string Placement, string Title, string? Slug, string? Url, bool Resolved, double? Score)
{
    public const string Explicit = "explicit";
    public const string Computed = "computed";
}

/// <summary>An article that cites this one.</summary>
public sealed record Backlink(string Slug, string Title);

/// <summary>
/// Work that depends on an output switch having won, recorded by the switch itself so that a crash before it is done
/// leaves it to the next render rather than losing it: the outputs to bring in line with the record, what the
/// previous version left behind, and the articles whose pages show this one.
/// </summary>
public sealed record PendingWork(IReadOnlyList<string> StaleListingRows, IReadOnlyList<string> StalePages, IReadOnlyList<string> Notify);

/// <summary>
/// Table <c>articlesbydate</c>: one partition, RowKey = inverted publication ticks + slug, so a plain ascending query is
/// newest first and a page of the listing is one range query, continued from the last RowKey seen. Table
/// <c>articlesbytag</c> holds the same rows, one partition per tag (its slug).
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
    public string TagsJson { get; set; } = "[]";

    [IgnoreDataMember]
    public IReadOnlyList<string> Tags
    {
        get => Json.Read<string[]>(TagsJson) ?? [];
        set => TagsJson = Json.Write(value);
    }

    /// <summary>The row of <paramref name="article"/> in a listing: the newest-first one, or a tag's (<paramref name="partition"/> = the tag's slug).</summary>
    public static ListingEntity For(ArticleEntity article, string rowKey, string partition = TableKeys.ListingPartition) => new()
    {
        PartitionKey = partition,
        RowKey = rowKey,
        Slug = article.Slug,
        Title = article.Title,
        Description = article.Description,
        Language = article.Language,
        Author = article.Author,
        Published = article.Published,
        Modified = article.Modified,
        // The image as the page shares it once resolved (an uploaded one has no URL before), else as the author gave it.
        Image = article.ShareImage?.Url ?? article.Image,
        Tags = article.Tags,
    };

    /// <summary>Everything a listing shows of the article, hashed: equal fingerprints list the article identically.</summary>
    public string Fingerprint() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n',
        RowKey, Slug, Title, Description, Language, Author, Published.ToString("O"), Modified.ToString("O"), Image, TagsJson))))[..16];
}

/// <summary>Table <c>titles</c>: PartitionKey = <see cref="Parsing.TitleKey"/> of a published article's title, RowKey = its slug. Resolving a link by title is one partition query.</summary>
public sealed class TitleEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Title { get; set; } = string.Empty;
}

/// <summary>
/// Table <c>citations</c>: PartitionKey = a <see cref="Linking.ReferenceKeys">reference key</see> (slug, path or title),
/// RowKey = the slug of a published article that has a link with that key. Publishing or removing an article finds the
/// pages that cite it with one partition query per key.
/// </summary>
public sealed class CitationEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string CitingTitle { get; set; } = string.Empty;

    /// <summary>The full key lists of the citing article's links that hold this key: which article they resolve to depends on all of them.</summary>
    public string KeysJson { get; set; } = "[]";

    [IgnoreDataMember]
    public IReadOnlyList<IReadOnlyList<string>> LinkKeys
    {
        get => Json.Read<string[][]>(KeysJson) ?? [];
        set => KeysJson = Json.Write(value);
    }
}

/// <summary>
/// Table <c>keywords</c>, the inverted index of computed relatedness. PartitionKey = <c>w:</c>term or <c>g:</c>tag;
/// RowKey = the inverted weight then the slug, so the articles a term matters most to come first; for a tag, the
/// inverted publication time then the slug, so its newest articles come first. The partition
/// <see cref="TableKeys.TermCountPartition"/> holds the document frequency of each counted term and the corpus size.
/// </summary>
public sealed class KeywordEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Slug { get; set; } = string.Empty;
    public string Title { get; set; } = string.Empty;
    public string Language { get; set; } = string.Empty;
    public DateTimeOffset Published { get; set; }

    /// <summary>The term's normalised TF-IDF weight in the article; for a tag, 1 / √(the article's tag count).</summary>
    public double Weight { get; set; }
}

/// <summary>A document frequency (RowKey = term) or a shard of the corpus size (RowKey = <see cref="TableKeys.CorpusShardRow"/>).</summary>
public sealed class TermCountEntity : ITableEntity
{
    public string PartitionKey { get; set; } = TableKeys.TermCountPartition;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Count { get; set; }
}

/// <summary>What one article has counted in the document frequencies (RowKey = <see cref="TableKeys.CountedTermsRow"/>).</summary>
public sealed class CountedTermsEntity : ITableEntity
{
    public string PartitionKey { get; set; } = TableKeys.TermCountPartition;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string TermsJson { get; set; } = "[]";

    /// <summary>Whether the article counts in the corpus size.</summary>
    public bool InCorpus { get; set; }

    [IgnoreDataMember]
    public IReadOnlyList<string> Terms
    {
        get => Json.Read<List<string>>(TermsJson) ?? [];
        set => TermsJson = Json.Write(value);
    }
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

    /// <summary>For a published image: its public path (<c>/media/{hash}/{name}</c>); null for articles, which have a slug.</summary>
    public string? MediaPath { get; set; }

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

/// <summary>
/// Table <c>media</c>: PartitionKey = <see cref="TableKeys.ForBlobName"/> of an uploaded image (the key articles name it
/// by, see <see cref="Linking.ReferenceKeys.Media"/>), RowKey = <see cref="TableKeys.MediaRow"/>. What a page needs to
/// show the image: one point read per image at render time.
/// </summary>
public sealed class MediaEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = TableKeys.MediaRow;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string BlobName { get; set; } = string.Empty;

    /// <summary>The published copy in the media container, <c>{hash}/{name}</c>; also the path after <c>/media/</c>.</summary>
    public string MediaBlob { get; set; } = string.Empty;
    public string ContentType { get; set; } = string.Empty;
    public int Width { get; set; }
    public int Height { get; set; }
    public long Length { get; set; }
}

/// <summary>How the latest processing of an uploaded blob went.</summary>
public enum SourceStatus
{
    Published,
    Failed,
    Draft,
    /// <summary>Dated in the future (<see cref="SourceEntity.ReleaseAt"/>): not public until then.</summary>
    Scheduled,
    /// <summary>Not an article (wrong extension): kept in the container, never rendered.</summary>
    Ignored,
}
