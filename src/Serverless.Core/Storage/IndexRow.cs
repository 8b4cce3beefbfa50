namespace Serverless.Core.Storage;

/// <summary>One index row: its table, keys, and a hash of its content so that unchanged rows are not written again.</summary>
public sealed record IndexRow(IndexTable Table, string PartitionKey, string RowKey, string ContentHash);
