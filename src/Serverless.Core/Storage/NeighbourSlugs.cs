namespace Serverless.Core.Storage;

/// <summary>The articles a page shows as its previous (<see cref="Older"/>) and next (<see cref="Newer"/>), by slug; null where it shows none.</summary>
public sealed record NeighbourSlugs(string? Older, string? Newer)
{
    public static NeighbourSlugs None { get; } = new(null, null);
}
