namespace Serverless.Core.Search;

/// <summary>
/// The stored index (<c>manifest.json</c>, replaced under its ETag): each Lucene file of the last merge and the
/// immutable blob holding it (named by its content's hash), and the last change merged.
/// </summary>
public sealed record SearchManifest(IReadOnlyDictionary<string, string> Files, string? ChangesUpTo, int Documents, DateTimeOffset MergedAt)
{
    public static SearchManifest Empty { get; } = new(new Dictionary<string, string>(), null, 0, DateTimeOffset.MinValue);
}
