using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// Table <c>keywords</c>, the inverted index of computed relatedness. PartitionKey = <c>w:</c>term or <c>g:</c>tag;
/// RowKey = the inverted weight then the slug, so the articles a term matters most to come first; for a tag, the
/// inverted publication time then the slug, so its newest articles come first. The partition
/// <see cref="TableKeys.TermCountPartition"/> holds the document frequency of each counted term and the corpus size, and
/// the partitions <see cref="TableKeys.PendingCountsPartitions"/> the articles' counts not merged into them yet;
/// <c>rw:</c>generation partitions list the articles by the corpus size their keywords were weighed against.
/// Each keyword and tag row carries the article's whole profile (keywords and tags), so a candidate found through any
/// one of its rows is scored in full, not only on the partitions where it came among the first read.
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

    /// <summary>The article's keywords and weights. Empty in rows written before rows carried them: such a candidate is scored on the rows read.</summary>
    public string KeywordsJson { get; set; } = string.Empty;

    /// <summary>The article's tags, as its author wrote them.</summary>
    public string TagsJson { get; set; } = "[]";

    [IgnoreDataMember]
    public bool HasProfile => KeywordsJson.Length > 0;

    /// <summary>What relatedness knows of the article, as the row holds it.</summary>
    public Linking.RelatednessProfile Profile() =>
        new(Slug, Json.Read<Dictionary<string, double>>(KeywordsJson) ?? [], Json.Read<string[]>(TagsJson) ?? [], Language, Published);
}
