namespace Serverless.Core.Storage;

/// <summary>Rows of a table (or a range of its partitions) read whole, by partition, each partition's rows in RowKey order as a query returns them.</summary>
public sealed class SnapshotPartitions<T>(IEnumerable<T> rows) where T : Azure.Data.Tables.ITableEntity
{
    private readonly Dictionary<string, T[]> _byPartition = rows.GroupBy(row => row.PartitionKey, StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.OrderBy(row => row.RowKey, StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    /// <summary>The partition's rows in RowKey order: none when it held none.</summary>
    public IReadOnlyList<T> Rows(string partition) => _byPartition.GetValueOrDefault(partition) ?? [];

    public int Count => _byPartition.Values.Sum(partition => partition.Length);
}
