namespace Serverless.Core.Storage;

/// <summary>One page of a citations partition, newest citing article first, and the RowKey to continue after when there are more.</summary>
public sealed record CitationPage(IReadOnlyList<CitationEntity> Rows, string? ContinueAfter);
