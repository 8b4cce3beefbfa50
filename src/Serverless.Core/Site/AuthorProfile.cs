using Serverless.Core.Parsing;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Serverless.Core.Site;

/// <summary>
/// What an author page says of its author beyond their articles, from the optional profile file
/// <c>authors/{author slug}.yml</c> in the <c>site</c> container: <c>bio</c>, <c>photo</c> (an https URL or a path of
/// the site), <c>links</c> (their other pages: sameAs in the structured data) and <c>fediverse</c> (@name@server).
/// </summary>
public sealed record AuthorProfile(string? Bio, string? Photo, IReadOnlyList<string> Links, string? Fediverse)
{
    public static AuthorProfile Empty { get; } = new(null, null, [], null);

    /// <summary>Where profile files are, beside the author pages' own folders.</summary>
    public const string Folder = "authors/";

    private const string Extension = ".yml";

    /// <summary>The profile file of an author in the site container.</summary>
    public static string FileOf(string authorSlug) => Folder + authorSlug + Extension;

    /// <summary>The author a blob of the site container is the profile file of; null for any other blob (an author page's files among them).</summary>
    public static string? SlugOfFile(string name) =>
        name.StartsWith(Folder, StringComparison.Ordinal) && name.EndsWith(Extension, StringComparison.Ordinal) && name[Folder.Length..^Extension.Length] is var slug && Slugs.IsValid(slug)
            ? slug
            : null;

    private static readonly IDeserializer Deserializer = new DeserializerBuilder().IgnoreUnmatchedProperties().Build();

    /// <summary>The profile the YAML gives; fields that are not what they should be are left out, each with a reason in <paramref name="problems"/>.</summary>
    public static AuthorProfile Parse(string yaml, List<string> problems)
    {
        Dictionary<string, object?>? fields;
        try
        {
            fields = Deserializer.Deserialize<Dictionary<string, object?>>(yaml);
        }
        catch (YamlException exception)
        {
            problems.Add($"not valid YAML: {exception.Message}");
            return Empty;
        }
        if (fields is null)
        {
            return Empty;
        }
        var bio = fields.GetValueOrDefault("bio") as string;
        var photo = fields.GetValueOrDefault("photo") as string is { } url && IsWebUrl(url, allowPath: true) ? url : null;
        if (photo is null && fields.ContainsKey("photo"))
        {
            problems.Add("'photo' is not an http(s) URL or a path of the site");
        }
        var links = (fields.GetValueOrDefault("links") as List<object?> ?? []).OfType<string>().Where(link => IsWebUrl(link, allowPath: false)).ToList();
        var fediverse = fields.GetValueOrDefault("fediverse") as string;
        try
        {
            fediverse = FrontMatterFields.FediverseHandle(fediverse);
        }
        catch (ArticleFormatException exception)
        {
            problems.Add(exception.Message);
            fediverse = null;
        }
        return new AuthorProfile(string.IsNullOrWhiteSpace(bio) ? null : PlainText.Collapse(bio), photo, links, fediverse);
    }

    /// <summary>The profile page of the fediverse handle (@name@server → https://server/@name), for rel="me".</summary>
    public string? FediverseUrl => Fediverse is { } handle && handle.LastIndexOf('@') is > 0 and var at ? $"https://{handle[(at + 1)..]}/{handle[..at]}" : null;

    private static bool IsWebUrl(string url, bool allowPath) =>
        allowPath && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
        || Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https";
}
