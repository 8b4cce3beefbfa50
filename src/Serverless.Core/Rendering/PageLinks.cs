namespace Serverless.Core.Rendering;

/// <summary>
/// Where a listing page's neighbours are, as site-relative URLs (<c>/?after=…</c>, <c>/tags/x?after=…</c>), and the query
/// of the page itself (null on the first page): older articles are <c>rel="next"</c>, newer ones <c>rel="prev"</c>.
/// </summary>
public sealed record PageLinks(string? Older, string? Newer, string? SelfQuery = null)
{
    public static PageLinks None { get; } = new(null, null);

    /// <summary>A page's canonical URL is its own: the first page's, with the query of later ones.</summary>
    public string Canonical(string firstPageUrl) => SelfQuery is null ? firstPageUrl : firstPageUrl + "?" + SelfQuery;

    /// <summary>The links of <paramref name="page"/> of the listing whose first page is at <paramref name="path"/>.</summary>
    public static PageLinks For(string path, Storage.ListingPage page, string? after) => new(
        page.OlderAfter is { } older ? $"{path}?after={Storage.ListCursor.Encode(older)}" : null,
        !page.HasNewer ? null : page.NewerAfter is { } newer ? $"{path}?after={Storage.ListCursor.Encode(newer)}" : path,
        after is null ? null : "after=" + Storage.ListCursor.Encode(after));
}
