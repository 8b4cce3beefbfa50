namespace Serverless.Core.Parsing;

/// <summary>Which link and image targets may appear in a page: http, https, mailto and relative URLs only.</summary>
public static class SafeUrls
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    /// <summary>A CMS placeholder target: <c>#</c> or nothing at all.</summary>
    public static bool IsPlaceholder(string? url) => string.IsNullOrWhiteSpace(url) || url.Trim() == "#";

    public static bool IsAllowed(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }
        var end = url.AsSpan().IndexOfAny(":/?#");
        if (end < 0 || url[end] != ':')
        {
            return true; // no scheme before the path, query or fragment: a relative URL
        }
        // Browsers ignore ASCII tabs, newlines and control characters inside a scheme ("java\tscript:"),
        // so they are dropped before the scheme is compared.
        var scheme = string.Concat(url[..end].Where(c => c > ' '));
        return AllowedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }
}
