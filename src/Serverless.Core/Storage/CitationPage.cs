namespace Serverless.Core.Storage;

/// <summary>One page of a citations partition, in citing-slug order, and the slug to continue after when there are more.</summary>
public sealed record CitationPage(IReadOnlyList<CitationEntity> Rows, string? ContinueAfter);
