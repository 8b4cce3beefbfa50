using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>One write to an index table, grouped with others of its partition into a transaction.</summary>
internal sealed record IndexOperation(IndexTable Table, string PartitionKey, TableTransactionAction Action);
