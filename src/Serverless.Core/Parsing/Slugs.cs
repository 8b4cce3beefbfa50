using System.Text;
using System.Text.RegularExpressions;
using AnyAscii;

namespace Serverless.Core.Parsing;

/// <summary>URL slugs: ASCII lower case words joined by hyphens, safe as a URL segment and as a Table Storage key.</summary>
public static partial class Slugs
{
    public const int MaxLength = 80;

    /// <summary>Makes a slug from any text (a title, a blob name); empty when the text has no letters or digits at all.</summary>
    public static string From(string text)
    {
        // NFC first so that precomposed and decomposed accents give the same slug; AnyAscii covers far more scripts than
        // stripping diacritics would (Ghost 6163, 11831).
        // (Checking is cheaper than normalizing, and text is nearly always NFC already.)
        var ascii = Nfc.Normalize(text).Transliterate();
        var builder = new StringBuilder(ascii.Length);
        foreach (var c in ascii)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }
        var slug = builder.ToString().Trim('-');
        if (slug.Length <= MaxLength)
        {
            return slug;
        }
        var cut = slug.LastIndexOf('-', MaxLength);
        return (cut > 0 ? slug[..cut] : slug[..MaxLength]).Trim('-');
    }

    /// <summary>
    /// The <paramref name="number"/>th slug for articles wanting <paramref name="slug"/>: the slug itself for 1, then
    /// slug-2, slug-3…, the slug cut so that the whole stays within <see cref="MaxLength"/>.
    /// </summary>
    public static string Numbered(string slug, int number)
    {
        if (number <= 1)
        {
            return slug;
        }
        var suffix = "-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (slug.Length + suffix.Length <= MaxLength ? slug : slug[..(MaxLength - suffix.Length)].TrimEnd('-')) + suffix;
    }

    /// <summary>Which of <paramref name="slug"/>'s <see cref="Numbered"/> forms <paramref name="candidate"/> is; null when none.</summary>
    public static int? NumberIn(string slug, string candidate)
    {
        if (candidate == slug)
        {
            return 1;
        }
        var dash = candidate.LastIndexOf('-');
        return dash > 0 && int.TryParse(candidate.AsSpan(dash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number >= 2 && Numbered(slug, number) == candidate ? number : null;
    }

    public static bool IsValid(string? slug) => slug is { Length: > 0 and <= MaxLength } && SlugPattern().IsMatch(slug);

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
