using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;
using Serverless.Core.Rendering;

namespace Serverless.Core.Storage;

/// <summary>
/// Table <c>articles</c>: PartitionKey = slug, RowKey = <see cref="TableKeys.OutputsRow"/>. The state of the article's
/// outputs, written by rendering (stage 2) only, beside the record ingest writes (<see cref="ArticleEntity"/>): a
/// render's switch is conditional on this row alone, so an ingest and a render of one article never make each other
/// retry. A render that read a record since replaced finds, at its next delivery, that it rendered another hash
/// (<see cref="RenderedRecordHash"/>), and ingest always asks for that delivery.
/// </summary>
public sealed class ArticleOutputsEntity : ITableEntity, IHasLargeProperties<ArticleOutputsEntity>
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = TableKeys.OutputsRow;
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>Default while the row is not stored: the next save adds it.</summary>
    public ETag ETag { get; set; }

    [IgnoreDataMember]
    public string Slug => PartitionKey;

    /// <summary>The served page's blob in the pages container; null until rendered and once unpublished.</summary>
    public string? PageBlob { get; set; }

    /// <summary>Hash of the served page's bytes: its HTTP ETag.</summary>
    public string? PageHash { get; set; }

    /// <summary>Hash of everything the served page was rendered from: record, resolved links, backlinks, related list, template.</summary>
    public string? PageInputHash { get; set; }

    /// <summary>
    /// When the render that produced the served page started reading its inputs (the renderer's clock): a render
    /// message enqueued before then, less <see cref="Render.OutputPublisher.ClockSkew"/>, asks for nothing newer.
    /// </summary>
    public DateTimeOffset? InputsReadAt { get; set; }

    /// <summary>The <see cref="ArticleEntity.RecordHash"/> the served page was rendered from; different means a render is due.</summary>
    public string? RenderedRecordHash { get; set; }

    /// <summary>The template version of the served page.</summary>
    public string? RenderVersion { get; set; }

    /// <summary>RowKey of this article's row in the newest-first listing, to move or remove it.</summary>
    public string? ListingRowKey { get; set; }

    /// <summary>The links, backlinks and related articles as last rendered (<see cref="RenderedLinks"/>), for the API.</summary>
    public string? RenderedLinksJson { get; set; }

    /// <summary>The article's own image as the served page shares it (resolved at render time), as JSON; null shares the card.</summary>
    public string? ShareImageJson { get; set; }

    /// <summary>Why the latest render failed for good (its message went to the poison queue); cleared by the next successful render.</summary>
    public string? RenderFailure { get; set; }

    /// <summary>
    /// What the article was when the pages related to it were last offered it (<see cref="Ingest.ArticleSnapshot.RelatednessHash"/>):
    /// a render of a changed record offers it again only when this differs.
    /// </summary>
    public string? OfferedProfile { get; set; }

    /// <summary>Work that must follow the last output switch (<see cref="PendingWork"/>): redone by the next render until done.</summary>
    public string? PendingJson { get; set; }

    /// <summary>
    /// What each output beside the page (<see cref="Render.Outputs.IArticleOutput"/>: listing, feeds, sitemap, tag pages,
    /// share card) last published for this article, by output name: lets it skip a render that changes nothing it
    /// shows, and remove exactly what it added.
    /// </summary>
    public string? OutputsJson { get; set; }

    /// <summary>The blobs holding the row's large values as last read or written (<see cref="Storage.LargeProperties"/>), by property.</summary>
    [IgnoreDataMember]
    public IReadOnlyDictionary<string, string> StoredReferences { get; set; } = new Dictionary<string, string>();

    /// <summary>Whether the row is in the table (read from it, or saved): the next save replaces it rather than adds it.</summary>
    [IgnoreDataMember]
    public bool IsStored => ETag != default;

    public static string ValueBlobPrefix => "outputs-";

    public static IReadOnlyList<LargeProperty<ArticleOutputsEntity>> LargeProperties { get; } =
    [
        new(nameof(RenderedLinksJson), outputs => outputs.RenderedLinksJson, (outputs, value) => outputs.RenderedLinksJson = value),
        new(nameof(PendingJson), outputs => outputs.PendingJson, (outputs, value) => outputs.PendingJson = value),
        new(nameof(OutputsJson), outputs => outputs.OutputsJson, (outputs, value) => outputs.OutputsJson = value),
    ];

    /// <summary>The outputs of an article never rendered: nothing served, nothing to take down.</summary>
    public static ArticleOutputsEntity None(string slug) => new() { PartitionKey = TableKeys.ForSlug(slug) };

    [IgnoreDataMember]
    public ShareImage? ShareImage
    {
        get => Json.Read<ShareImage>(ShareImageJson);
        set => ShareImageJson = value is null ? null : Json.Write(value);
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

    /// <summary>The version of the share card stored for this article (<see cref="ShareCardStore.BlobNameFor"/>): set while it is served.</summary>
    [IgnoreDataMember]
    public string? ShareCardVersion => OutputState(ShareCardOutputName);

    /// <summary>The name the share card output keeps its state under: the stored card's version.</summary>
    public const string ShareCardOutputName = "card";

    /// <summary>The state <paramref name="output"/> last recorded for this article, or null.</summary>
    public string? OutputState(string output) =>
        (Json.Read<Dictionary<string, string>>(OutputsJson) ?? []).GetValueOrDefault(output);

    /// <summary>Records (or, with null, forgets) <paramref name="output"/>'s state; saved with the row.</summary>
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

    /// <summary>Whether a record row was written before the split, when it held the outputs' state too.</summary>
    internal static bool HasLegacyColumns(TableEntity recordRow) => recordRow.Any(column => column.Value is not null && LegacyColumns.Contains(column.Key));

    private static readonly HashSet<string> LegacyColumns =
    [
        nameof(PageBlob), nameof(PageHash), nameof(PageInputHash), nameof(InputsReadAt), nameof(RenderedRecordHash), nameof(RenderVersion),
        nameof(ListingRowKey), nameof(RenderedLinksJson), nameof(ShareImageJson), nameof(RenderFailure), nameof(PendingJson), nameof(OutputsJson),
        LegacyShareCardVersionColumn,
    ];

    /// <summary>
    /// The outputs' state a record row written before the split holds, as the row of its own it becomes: the values
    /// are taken as stored (a long one stays a reference to its blob), and the share card's version, then a column of
    /// its own, becomes the card output's state. Not stored: the first save adds it.
    /// </summary>
    internal static ArticleOutputsEntity FromLegacyRow(TableEntity recordRow)
    {
        var outputs = TableRowBinder.Bind<ArticleOutputsEntity>(recordRow);
        outputs.RowKey = TableKeys.OutputsRow;
        outputs.ETag = default;
        if (recordRow.GetString(LegacyShareCardVersionColumn) is { } card && outputs.OutputState(ShareCardOutputName) is null)
        {
            outputs.SetOutputState(ShareCardOutputName, card);
        }
        return outputs;
    }

    private const string LegacyShareCardVersionColumn = "ShareCardVersion";
}
