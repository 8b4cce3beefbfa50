using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>Table <c>titles</c>: PartitionKey = <see cref="Parsing.TitleKey"/> of a published article's title, RowKey = its slug. Resolving a link by title is one partition query.</summary>
public sealed class TitleEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Title { get; set; } = string.Empty;
}
