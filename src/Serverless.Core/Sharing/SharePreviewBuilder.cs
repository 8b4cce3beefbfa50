using System.Globalization;
using Serverless.Core.Parsing;

namespace Serverless.Core.Sharing;

/// <summary>
/// Draws each platform's card from a page's tags by that platform's rules (<see cref="ShareRules"/>), and warns of
/// what it will cut, shrink or drop. Pure: the tags and the image's byte count in, the preview out.
/// </summary>
public static class SharePreviewBuilder
{
    /// <param name="tags">The page's head, as <see cref="PageTags.Parse"/> reads it.</param>
    /// <param name="imageBytes">The shared image's size in bytes when known (an uploaded image); null otherwise.</param>
    /// <param name="imageCarriesHeadline">Whether the shared image is the generated card, which draws the headline.</param>
    public static SharePreview Build(PageTags tags, long? imageBytes, bool imageCarriesHeadline)
    {
        var warnings = new List<ShareWarning>();
        var url = tags["og:url"] ?? string.Empty;
        var domain = Uri.TryCreate(url, UriKind.Absolute, out var absolute) ? absolute.Host : string.Empty;
        var cards = ShareRules.Platforms.Select(platform => CardFor(platform, tags, imageBytes, domain, imageCarriesHeadline, warnings)).ToList();
        WarnOnPage(tags, warnings);
        return new SharePreview(url, cards, warnings);
    }

    private static PlatformCard CardFor(SharePlatform platform, PageTags tags, long? imageBytes, string domain, bool imageCarriesHeadline, List<ShareWarning> warnings)
    {
        var isGoogle = platform.Id == SharePlatformId.Google;
        var title = isGoogle ? tags.Title : platform.ReadsTwitterTags ? tags.TwitterOrOpenGraph("title") : tags["og:title"];
        var description = isGoogle ? tags["description"] : platform.ReadsTwitterTags ? tags.TwitterOrOpenGraph("description") : tags["og:description"];
        var shownTitle = platform.ShowsTitle ? Cut(platform, ShareRule.TitleCut, "title", title, platform.TitleMax, warnings) : null;
        var shownDescription = platform.DescriptionMax == 0 ? null : Cut(platform, ShareRule.DescriptionCut, "description", description, platform.DescriptionMax, warnings);
        var image = isGoogle ? null : ImageFor(platform, tags, imageBytes, warnings);
        if (platform.Id == SharePlatformId.X && image is { Display: ImageDisplay.Large } && !imageCarriesHeadline)
        {
            warnings.Add(new ShareWarning(platform.Id, ShareRule.HeadlineNotOnImage,
                "X shows a large card as the image and the domain only: readers will not see the headline, which is not on this image.",
                "Remove the 'image' field to share the generated card, which draws the headline, or use an image with the headline on it."));
        }
        var byline = platform.Id switch
        {
            SharePlatformId.Mastodon => tags["fediverse:creator"],
            SharePlatformId.X => tags["twitter:creator"],
            _ => null,
        };
        IReadOnlyList<PreviewField> fields = platform.Id == SharePlatformId.Slack ? SlackFields(tags) : [];
        return new PlatformCard(platform.Id, platform.Name, shownTitle, shownDescription, image, domain, byline,
            isGoogle ? null : tags["og:site_name"], fields, platform.Id == SharePlatformId.Discord ? tags["theme-color"] : null);
    }

    /// <summary>Slack shows twitter:label1/data1 and label2/data2 as fields under the text.</summary>
    private static List<PreviewField> SlackFields(PageTags tags) =>
        [.. Enumerable.Range(1, 2).Select(n => new PreviewField(tags["twitter:label" + n] ?? string.Empty, tags["twitter:data" + n] ?? string.Empty))
            .Where(field => field is { Label.Length: > 0, Value.Length: > 0 })];

    private static string? Cut(SharePlatform platform, string rule, string what, string? text, int? max, List<ShareWarning> warnings)
    {
        if (text is null || max is not { } limit || text.Length <= limit)
        {
            return text;
        }
        warnings.Add(new ShareWarning(platform.Id, rule,
            string.Create(CultureInfo.InvariantCulture, $"{platform.Name} shows about {limit} characters of the {what}: this one has {text.Length} and will be cut."),
            what == "title"
                ? string.Create(CultureInfo.InvariantCulture, $"Shorten the title by {text.Length - limit} characters, keeping its point in the first words.")
                : string.Create(CultureInfo.InvariantCulture, $"Write a 'description' of at most {limit} characters in the front matter.")));
        return TextCutter.Cut(text, limit);
    }

    private static PreviewImage? ImageFor(SharePlatform platform, PageTags tags, long? bytes, List<ShareWarning> warnings)
    {
        if ((platform.ReadsTwitterTags ? tags.TwitterOrOpenGraph("image") : tags["og:image"]) is not { Length: > 0 } url)
        {
            return null;
        }
        var width = tags.Number("og:image:width");
        var height = tags.Number("og:image:height");
        var size = width is { } w && height is { } h && w > 0 && h > 0 ? new ImageSize(w, h) : null;
        var alt = platform.ReadsTwitterTags ? tags.TwitterOrOpenGraph("image:alt") : tags["og:image:alt"];
        var display = ImageDisplay.Large;
        if (platform.MaxImageBytes is { } maxBytes && bytes > maxBytes)
        {
            display = ImageDisplay.None;
            warnings.Add(new ShareWarning(platform.Id, ShareRule.ImageTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"{platform.Name} drops images over {Kilobytes(maxBytes)}: this one is {Kilobytes(bytes.Value)}, so the link is shared without it."),
                string.Create(CultureInfo.InvariantCulture, $"Upload a smaller file (JPEG or WebP at {ShareRules.AdvisedImage} is usually under {Kilobytes(ShareRules.WhatsAppMaxImageBytes)}).")));
        }
        else if (platform.LargeImageMin is { } minimum && size is not null && !size.AtLeast(minimum))
        {
            display = ImageDisplay.SmallSquare;
            warnings.Add(new ShareWarning(platform.Id, ShareRule.ImageTooSmall,
                $"{platform.Name} shows images under {minimum} as a small square: this one is {size}.",
                $"Use an image of at least {ShareRules.AdvisedImage}."));
        }
        else if (platform.Id is SharePlatformId.Mastodon && size is not null && size.Width < size.Height)
        {
            // Mastodon lays out a portrait image as a thumbnail beside the text.
            display = ImageDisplay.SmallSquare;
        }
        else if (platform.Id is SharePlatformId.Slack or SharePlatformId.Discord && tags["twitter:card"] != "summary_large_image")
        {
            display = ImageDisplay.SmallSquare;
        }
        if (platform.Id == SharePlatformId.X)
        {
            WarnOnXImage(url, alt, warnings);
        }
        if (platform.Id == SharePlatformId.Facebook && display == ImageDisplay.Large)
        {
            WarnOnFacebookImage(size, warnings);
        }
        return new PreviewImage(url, width, height, bytes, alt, display);
    }

    private static void WarnOnXImage(string url, string? alt, List<ShareWarning> warnings)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.AbsolutePath.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
        {
            warnings.Add(new ShareWarning(SharePlatformId.X, ShareRule.ImageFormat, "X never shows SVG images: the card will have no picture.", "Use a JPEG, PNG, WebP or GIF image."));
        }
        if (string.IsNullOrWhiteSpace(alt))
        {
            warnings.Add(new ShareWarning(SharePlatformId.X, ShareRule.ImageAltMissing,
                "The image has no text alternative: X, Bluesky and Mastodon readers using a screen reader hear nothing of it.",
                "Add an 'image_alt' field describing the image."));
        }
    }

    /// <summary>Facebook's ratio stands for X's and LinkedIn's too (all crop to about 1.91:1–2:1): one warning, not three.</summary>
    private static void WarnOnFacebookImage(ImageSize? size, List<ShareWarning> warnings)
    {
        if (size is null)
        {
            warnings.Add(new ShareWarning(SharePlatformId.Facebook, ShareRule.ImageSizeUnknown,
                "The page does not say the image's size (og:image:width and og:image:height): the first share shows no image until Facebook has fetched it.",
                "Upload the image with the article instead of linking to it, so its size is known."));
            return;
        }
        if (Math.Abs(size.Ratio / ShareRules.FacebookImageRatio - 1) > ShareRules.RatioTolerance)
        {
            warnings.Add(new ShareWarning(SharePlatformId.Facebook, ShareRule.ImageRatio,
                string.Create(CultureInfo.InvariantCulture, $"The image is {size} ({size.Ratio:0.##}:1): Facebook and LinkedIn crop it to {ShareRules.FacebookImageRatio:0.##}:1, X to {ShareRules.XImageRatio:0.##}:1, so its edges are lost."),
                string.Create(CultureInfo.InvariantCulture, $"Use an image of about {ShareRules.FacebookImageRatio:0.##}:1, such as {ShareRules.AdvisedImage}.")));
        }
    }

    private static void WarnOnPage(PageTags tags, List<ShareWarning> warnings)
    {
        var title = tags["og:title"] ?? string.Empty;
        var description = tags["og:description"] ?? string.Empty;
        if (description.Trim().Length == 0)
        {
            warnings.Add(new ShareWarning(ShareRules.AllPlatforms, ShareRule.DescriptionMissing,
                "The page has no description: platforms show the title alone, Google picks text of its own.",
                "Add a 'description' field of one or two sentences."));
        }
        else if (Comparable(description).StartsWith(Comparable(title), StringComparison.Ordinal))
        {
            warnings.Add(new ShareWarning(ShareRules.AllPlatforms, ShareRule.DescriptionRepeatsTitle,
                "The description starts with the title: every card shows the headline twice.",
                "Write a 'description' that says what the title does not."));
        }
        foreach (var key in (string[])["og:url", "og:image", "twitter:image"])
        {
            if (tags[key] is { } value && !(Uri.TryCreate(value, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"))
            {
                warnings.Add(new ShareWarning(ShareRules.AllPlatforms, ShareRule.UrlNotAbsolute,
                    $"{key} is '{value}', not an absolute http(s) URL: platforms do not fetch relative ones.",
                    "Set the site's PublicBaseUrl (Site__PublicBaseUrl) to its public https address."));
            }
        }
        var declared = (tags["og:locale"] ?? tags.Language)?.Split('_', '-')[0];
        var detected = BodyWords.Read(title, description).Language;
        if (declared is { Length: > 0 } && detected is not null && !string.Equals(declared, detected, StringComparison.OrdinalIgnoreCase))
        {
            warnings.Add(new ShareWarning(ShareRules.AllPlatforms, ShareRule.LanguageMismatch,
                $"The page says it is in '{declared}' but its title and description read as '{detected}': platforms and search engines may show it to the wrong readers or translate it.",
                $"Set 'lang: {detected}' in the front matter (or correct the text)."));
        }
    }

    /// <summary>Case, accents and punctuation aside, so a description that only re-punctuates the title still counts as repeating it.</summary>
    private static string Comparable(string text) => new([.. text.Normalize(System.Text.NormalizationForm.FormD).Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static string Kilobytes(long bytes) => bytes >= 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} KB");
}
