namespace Serverless.Core.Rendering;

/// <summary>
/// The articles published just before and just after an article in its first tag (<see cref="Tag"/>, as written): the
/// article page's previous and next links. Either is null at an end of the tag's listing.
/// </summary>
public sealed record TagNeighbours(string Tag, PageLink? Previous, PageLink? Next);
