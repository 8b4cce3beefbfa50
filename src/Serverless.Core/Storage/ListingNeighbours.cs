namespace Serverless.Core.Storage;

/// <summary>The rows either side of a place in a newest-first listing: the one just older, the one just newer (null at either end).</summary>
public sealed record ListingNeighbours(ListingEntity? Older, ListingEntity? Newer)
{
    public static ListingNeighbours None { get; } = new(null, null);
}
