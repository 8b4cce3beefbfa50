using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// What the document frequencies hold for one article (RowKey = <see cref="TableKeys.CountedTermsRow"/>), written by the
/// merger in the batch that changes them. Ingests wrote it themselves before the merger existed, in the same format.
/// </summary>
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

    [IgnoreDataMember]
    public CountedTerms Counted
    {
        get => new(Terms, InCorpus);
        set => (Terms, InCorpus) = (value.Terms, value.InCorpus);
    }
}
