using System.Globalization;
using System.Text.RegularExpressions;

namespace Serverless.Core.Parsing;

/// <summary>
/// The front-matter fields that pages, feeds and share cards use as given (slug, lang, image, author_url, author_x):
/// each is checked here, when the author can still fix it, rather than failing or misleading at render time.
/// </summary>
internal static partial class FrontMatterFields
{
    /// <summary>The front matter's slug made URL-safe, else one made from the title, else from the file name.</summary>
    public static string ChooseSlug(string? requested, string title, string blobName, List<string> warnings)
    {
        if (requested is not null)
        {
            var slug = Slugs.From(requested);
            if (slug.Length == 0)
            {
                throw new ArticleFormatException($"Front matter 'slug' '{requested}' has no letter or digit to make a URL from.");
            }
            if (slug != requested)
            {
                warnings.Add($"Front matter 'slug' '{requested}' was made URL-safe as '{slug}'.");
            }
            return slug;
        }
        var fromTitle = Slugs.From(title);
        if (fromTitle.Length > 0)
        {
            return fromTitle;
        }
        var fromName = Slugs.From(Path.GetFileNameWithoutExtension(blobName));
        return fromName.Length > 0
            ? fromName
            : throw new ArticleFormatException("Neither the title nor the file name has a letter or digit to make a URL from: add 'slug' to the front matter.");
    }

    /// <summary>The front matter's language as its culture names it, else the one detected in the text, else the site's.</summary>
    public static string ChooseLanguage(string? requested, string? detected, string defaultLanguage)
    {
        if (requested is null)
        {
            return detected ?? defaultLanguage;
        }
        CultureInfo? culture = null;
        try
        {
            // ICU also accepts POSIX names such as "fr_FR" and calls them "fr_fr", which is not a language tag that
            // <html lang> or og:locale understand: only BCP 47-shaped codes are looked up.
            culture = LanguageTag().IsMatch(requested) ? CultureInfo.GetCultureInfo(requested, predefinedOnly: true) : null;
        }
        catch (CultureNotFoundException)
        {
        }
        return culture is { Name.Length: > 0 }
            ? culture.Name
            : throw new ArticleFormatException($"Front matter 'lang' '{requested}' is not a known language code; use e.g. 'fr', 'en' or 'fr-CA'.");
    }

    public static string? CheckImage(string? image, List<string> warnings)
    {
        if (image is null)
        {
            return null;
        }
        // Pages and share cards make the image absolute: a URL that cannot be parsed must fail here, with a message,
        // rather than at render time.
        if (!Uri.TryCreate(new Uri("https://example.com/"), image, out _))
        {
            throw new ArticleFormatException($"Front matter 'image' '{image}' is not a valid URL: use an http or https URL, or a path such as /images/photo.jpg.");
        }
        if (SafeUrls.IsAllowed(image) && !image.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return image;
        }
        warnings.Add($"Front matter 'image' '{image}' was ignored: it must be an http, https or relative URL.");
        return null;
    }

    /// <summary>An author page must be an absolute http(s) URL: it is shared as is, outside the site.</summary>
    public static string? CheckAuthorUrl(string? url) =>
        url is null || (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            ? url
            : throw new ArticleFormatException($"Front matter 'author_url' '{url}' is not an http or https URL: give the author's page, such as https://example.com/jane.");

    /// <summary>An X handle as authors write it, with or without @; what X accepts is letters, digits and _ (at most 15).</summary>
    public static string? XHandle(string? handle)
    {
        if (handle is null)
        {
            return null;
        }
        var name = handle.Trim().TrimStart('@');
        return name.Length is > 0 and <= 15 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? "@" + name
            : throw new ArticleFormatException($"Front matter 'author_x' '{handle}' is not an X handle: use letters, digits and _ (at most 15), such as @janedoe.");
    }

    /// <summary>A fediverse handle, @name@server (the leading @ optional): what fediverse:creator names (Mastodon 4.3).</summary>
    public static string? FediverseHandle(string? handle)
    {
        if (handle is null)
        {
            return null;
        }
        var trimmed = handle.Trim();
        var withAt = trimmed.StartsWith('@') ? trimmed : "@" + trimmed;
        return FediverseAddress().IsMatch(withAt)
            ? withAt
            : throw new ArticleFormatException($"Front matter 'author_fediverse' '{handle}' is not a fediverse handle: write @name@server, such as @janedoe@mastodon.social.");
    }

    [GeneratedRegex(@"^@[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}$", RegexOptions.CultureInvariant)]
    private static partial Regex FediverseAddress();

    [GeneratedRegex("^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();
}
