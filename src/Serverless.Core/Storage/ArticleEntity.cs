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

    /// <summary>The article's counted terms and how often each occurs: its keywords are weighed again from these as the corpus grows.</summary>
    public string TermFrequenciesJson { get; set; } = "{}";

    /// <summary>The corpus size <see cref="Keywords"/> were weighed against (<see cref="Linking.RelatedArticles.IsDue"/>).</summary>
    public int WeighedCorpus { get; set; }

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
