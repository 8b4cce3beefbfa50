namespace Serverless.Core.Storage;

/// <summary>One page of a table query, and the SDK's continuation token of the next (null on the last).</summary>
public sealed record TablePage<T>(IReadOnlyList<T> Items, string? ContinuationToken);
