namespace Serverless.Core.Storage;

/// <summary>What the index holds of one article (<see cref="Current"/>, as its record says) and what it should hold.</summary>
public sealed record IndexChange(IReadOnlyList<IndexRow> Current, IReadOnlyList<ArticleIndex.Entry> Wanted);
