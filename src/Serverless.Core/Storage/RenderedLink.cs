namespace Serverless.Core.Storage;

/// <summary>An explicit or computed link as rendered: <see cref="Slug"/> is null while unresolved (or for another site).</summary>
public sealed record RenderedLink(string Kind, string Placement, string Title, string? Slug, string? Url, bool Resolved, double? Score)
{
    public const string Explicit = "explicit";
    public const string Computed = "computed";
}
