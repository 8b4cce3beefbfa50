using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// Table <c>keywords</c>, the inverted index of computed relatedness. PartitionKey = <c>w:</c>term or <c>g:</c>tag;
/// RowKey = the inverted weight then the slug, so the articles a term matters most to come first; for a tag, the
/// inverted publication time then the slug, so its newest articles come first. The partition
/// <see cref="TableKeys.TermCountPartition"/> holds the document frequency of each counted term and the corpus size, and
/// the partitions <see cref="TableKeys.PendingCountsPartitions"/> the articles' counts not merged into them yet.
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
