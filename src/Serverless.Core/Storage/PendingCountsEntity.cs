using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// An article's counts not merged into the document frequencies yet (PartitionKey = <see cref="TableKeys.PendingCountsPartition"/>,
/// RowKey = its slug): what it counts now, written by its ingest in place of the shared counts. The merger brings the
/// counts from what they hold for the article to this, then deletes the row.
/// </summary>
public sealed class PendingCountsEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string TermsJson { get; set; } = "[]";

    public bool InCorpus { get; set; }

    /// <summary>
    /// What the document frequencies hold for the article when no <see cref="CountedTermsEntity"/> says so: nothing for
    /// a new article; what its record says for one counted before that row existed.
    /// </summary>
    public string BaseTermsJson { get; set; } = "[]";

    public bool BaseInCorpus { get; set; }

    [IgnoreDataMember]
    public CountedTerms Counted
    {
        get => new(Json.Read<List<string>>(TermsJson) ?? [], InCorpus);
        set => (TermsJson, InCorpus) = (Json.Write(value.Terms), value.InCorpus);
    }

    [IgnoreDataMember]
    public CountedTerms Base
    {
        get => new(Json.Read<List<string>>(BaseTermsJson) ?? [], BaseInCorpus);
        set => (BaseTermsJson, BaseInCorpus) = (Json.Write(value.Terms), value.InCorpus);
    }
}
