using Serverless.Core.Storage;

namespace Serverless.Core.Render;

/// <summary>The citing pages found on the first page of each key, and a request for each key's further pages.</summary>
public sealed record CitingRenders(IReadOnlyList<string> Slugs, IReadOnlyList<CitingPages> Continuations)
{
    public static CitingRenders None { get; } = new([], []);

    public CitingRenders Concat(CitingRenders other) => new([.. Slugs, .. other.Slugs], [.. Continuations, .. other.Continuations]);
}
