namespace Serverless.Core.Storage;

/// <summary>
/// What the API shows of an article's connections as of its last render, and the title its backlinks were given: the
/// newest citing articles, and how many more cite it (<see cref="MoreBacklinks"/>).
/// </summary>
/// <param name="CitedUntold">
/// Rendered before its record listed its citation rows (a new article of an import leaves them to its weighing):
/// the pages it cites were not told, since their renders could not find it yet; the first render after its weighing tells them all.
/// </param>
public sealed record RenderedLinks(string? Title, IReadOnlyList<RenderedLink> Links, IReadOnlyList<Backlink> Backlinks, IReadOnlyList<string> Warnings, int MoreBacklinks = 0,
    bool CitedUntold = false)
{
    public static RenderedLinks Empty { get; } = new(null, [], [], []);

    /// <summary>The articles this one links to: their "cited in" lists show it.</summary>
    public IEnumerable<string> CitedSlugs => Links.Where(link => link.Kind == RenderedLink.Explicit && link.Slug is not null).Select(link => link.Slug!);
}
