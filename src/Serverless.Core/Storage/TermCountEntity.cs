using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>
/// A document frequency (RowKey = term) or the corpus size (RowKey = <see cref="TableKeys.CorpusRow"/>, or one of the
/// shards of it ingests wrote before the merger existed).
/// </summary>
public sealed class TermCountEntity : ITableEntity
{
    public string PartitionKey { get; set; } = TableKeys.TermCountPartition;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public int Count { get; set; }
}
