using Serverless.Core.Parsing;
using Serverless.Core.Storage;

namespace Serverless.Core.Linking;

/// <summary>
/// How a link names another article, as index keys tried in resolution order: its slug (from an internal URL or a bare
/// slug), then its blob path, then its title. Every key is a valid Table Storage key: a slug, a
/// <see cref="TableKeys.ForBlobName"/> encoding, or a <see cref="TitleKey"/> (ASCII letters, digits and spaces).
/// </summary>
public static class ReferenceKeys
{
    private const string SlugPrefix = "s:";
    private const string PathPrefix = "p:";
    private const string TitlePrefix = "t:";
    private const string MediaPrefix = "m:";

    /// <summary>A title key longer than this is a sentence, not a title: it is not indexed.</summary>
    public const int MaxTitleKeyLength = 250;

    private static readonly string[] ArticleExtensions = [".md", ".markdown", ".txt"];

    /// <summary>Uploads published as images: JPEG, PNG, WebP and GIF (the content is checked, not only the name).</summary>
    public static readonly IReadOnlyList<string> MediaExtensions = [".jpg", ".jpeg", ".png", ".webp", ".gif"];

    public static string Slug(string slug) => SlugPrefix + TableKeys.ForSlug(slug);

    public static string Path(string blobName) => PathPrefix + TableKeys.ForBlobName(blobName);

    /// <summary>
    /// The key of an uploaded image, by its blob path: its row in the media table (after the prefix) and the citations
    /// partition of the articles showing it, rendered again when it is published, changed or deleted.
    /// </summary>
    public static string Media(string blobName) => MediaPrefix + TableKeys.ForBlobName(blobName);

    public static bool IsMedia(string key) => key.StartsWith(MediaPrefix, StringComparison.Ordinal);

    /// <summary>The table key of a media key's row, a <see cref="TableKeys.ForBlobName"/> key.</summary>
    public static string MediaBlobKey(string mediaKey) => mediaKey[MediaPrefix.Length..];

    public static bool IsMediaFile(string path) =>
        MediaExtensions.Contains(System.IO.Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The blob path of an image written in the article <paramref name="citingBlob"/> as a relative URL
    /// (<c>poster.jpg</c>, <c>../shared/map.png</c>, <c>images/a%20b.webp</c>): null for an absolute URL, a root-relative
    /// path (<c>/images/x.jpg</c>, a file of the site itself), any scheme, or a path leaving the container.
    /// </summary>
    public static string? ForImage(string url, string citingBlob)
    {
        var path = url.Trim();
        var end = path.IndexOfAny(['?', '#']);
        if (end >= 0)
        {
            path = path[..end];
        }
        if (path.Length == 0 || path.StartsWith('/') || path.Contains(':', StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal))
        {
            return null;
        }
        return ResolvePath(citingBlob, Uri.UnescapeDataString(path));
    }

    /// <summary>The title key of <paramref name="title"/>, or null when it has nothing to match on (or is too long to be a title).</summary>
    public static string? Title(string title)
    {
        var key = TitleKey.From(title);
        return key.Length is 0 or > MaxTitleKeyLength ? null : TitlePrefix + key;
    }

    public static bool IsSlug(string key, out string slug)
    {
        slug = key.StartsWith(SlugPrefix, StringComparison.Ordinal) ? key[SlugPrefix.Length..] : string.Empty;
        return slug.Length > 0;
    }

    public static bool IsPath(string key) => key.StartsWith(PathPrefix, StringComparison.Ordinal);

    public static bool IsTitle(string key, out string titleKey)
    {
        titleKey = key.StartsWith(TitlePrefix, StringComparison.Ordinal) ? key[TitlePrefix.Length..] : string.Empty;
        return titleKey.Length > 0;
    }

    public static bool IsArticleFile(string path) =>
        ArticleExtensions.Contains(System.IO.Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Keys of a link target written in the article <paramref name="citingBlob"/>: an internal URL (<c>/articles/x</c>,
    /// or absolute under <paramref name="publicBaseUrl"/>) or a bare slug gives a slug key; a relative path to an
    /// uploaded article (<c>../2014/other.md</c>) a path key. Anything else (another site, <c>/about</c>, an image) is
    /// not a link to an article: no key.
    /// </summary>
    public static IReadOnlyList<string> ForTarget(string target, string citingBlob, string? publicBaseUrl)
    {
        var url = target.Trim();
        var end = url.IndexOfAny(['?', '#']);
        if (end >= 0)
        {
            url = url[..end];
        }
        if (url.Length == 0)
        {
            return [];
        }
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            var baseUrl = publicBaseUrl?.TrimEnd('/');
            if (baseUrl is null || !url.StartsWith(baseUrl + "/", StringComparison.OrdinalIgnoreCase))
            {
                return [];
            }
            url = url[baseUrl.Length..];
        }
        else if (url.Contains(':', StringComparison.Ordinal))
        {
            return []; // mailto: and other schemes
        }
        if (url.StartsWith("/articles/", StringComparison.Ordinal))
        {
            var slug = Uri.UnescapeDataString(url["/articles/".Length..].TrimEnd('/'));
            return Slugs.IsValid(slug) ? [Slug(slug)] : [];
        }
        if (IsArticleFile(url))
        {
            return ResolvePath(citingBlob, Uri.UnescapeDataString(url)) is { } blobName ? [Path(blobName)] : [];
        }
        return Slugs.IsValid(url) ? [Slug(url)] : [];
    }

    /// <summary>
    /// Keys of a front matter <c>related:</c> entry, which may be a title, a slug, a blob path or an internal URL: every
    /// reading that fits, in resolution order, so that "sony" is tried as a slug and then as a title.
    /// </summary>
    public static IReadOnlyList<string> ForRelatedEntry(string entry, string citingBlob, string? publicBaseUrl)
    {
        var keys = new List<string>();
        if (entry.Contains('/', StringComparison.Ordinal) || IsArticleFile(entry) || Slugs.IsValid(entry))
        {
            keys.AddRange(ForTarget(entry, citingBlob, publicBaseUrl));
        }
        if (!entry.Contains('/', StringComparison.Ordinal) && !IsArticleFile(entry) && Title(entry) is { } title)
        {
            keys.Add(title);
        }
        return keys;
    }

    /// <summary>A path relative to the citing blob's folder (or to the container root when it starts with /), normalised; null if it leaves the container.</summary>
    public static string? ResolvePath(string citingBlob, string path)
    {
        var folder = path.StartsWith('/') ? [] : citingBlob.Split('/')[..^1].ToList();
        foreach (var segment in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            switch (segment)
            {
                case ".":
                    continue;
                case "..":
                    if (folder.Count == 0)
                    {
                        return null;
                    }
                    folder.RemoveAt(folder.Count - 1);
                    continue;
                default:
                    folder.Add(segment);
                    continue;
            }
        }
        return folder.Count == 0 ? null : string.Join('/', folder);
    }
}
