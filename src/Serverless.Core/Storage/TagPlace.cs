namespace Serverless.Core.Storage;

/// <summary>
/// Where an article stands among the articles of one of its tags (<see cref="TableKeys.NeighbourPartition"/>): the
/// articles either side of it there are its previous and next when it is its first tag, and it is theirs when it is theirs.
/// </summary>
public sealed record TagPlace(string TagSlug, string RowKey);
