namespace Serverless.Core.Sharing;

/// <summary>
/// The rules every platform applies to a shared link, with their sources, in one place: the share preview draws the
/// cards and warns from these, and the README's table is this file. Checked in 2026-12 against the sources named.
/// </summary>
public static class ShareRules
{
    /// <summary>X cards markup reference (developer.x.com, "Cards markup"): summary_large_image, 2:1, at least 300×157, under 5 MB, never SVG; title 70, description 200 characters.</summary>
    public static readonly ImageSize XLargeImageMin = new(300, 157);
    public const long XMaxImageBytes = 5 * 1024 * 1024;
    public const double XImageRatio = 2.0;

    /// <summary>Facebook sharing best practices (developers.facebook.com/docs/sharing/webmasters/images): 1.91:1, 1200×630 advised; under 600×315 a small square; 8 MB at most.</summary>
    public static readonly ImageSize FacebookLargeImageMin = new(600, 315);
    public const long FacebookMaxImageBytes = 8 * 1024 * 1024;
    public const double FacebookImageRatio = 1.91;

    /// <summary>The size the platforms advise for a large card: Facebook 1200×630 (developers.facebook.com, as above), LinkedIn 1200×627 (as below); the generated card's.</summary>
    public static readonly ImageSize AdvisedImage = new(1200, 630);

    /// <summary>How far from 1.91:1 an image may be before the platforms crop it visibly (a tenth either way: 1.72 to 2.1, X's 2:1 included).</summary>
    public const double RatioTolerance = 0.1;

    /// <summary>LinkedIn "Make your website shareable" (linkedin.com/help/linkedin/answer/a521928): og:* only, 1200×627 advised, 5 MB; observed: narrower than 401 px shows as a thumbnail.</summary>
    public static readonly ImageSize LinkedInLargeImageMin = new(401, 210);
    public const long LinkedInMaxImageBytes = 5 * 1024 * 1024;

    /// <summary>WhatsApp: not documented; link previews drop images over about 300 KB (widely reported, e.g. stackoverflow.com/q/19778620).</summary>
    public const long WhatsAppMaxImageBytes = 300 * 1024;

    /// <summary>Google Search Central "Influencing your title links and snippets": the title link is cut to the width of the result, about 600 px (~60 characters); snippets about 155–160 characters.</summary>
    public const int GoogleTitleMax = 60, GoogleDescriptionMax = 160;

    /// <summary>Facebook shows about 60–100 characters of title before cutting (two lines on a phone).</summary>
    public const int FacebookTitleMax = 100;

    /// <summary>LinkedIn cuts the title after about 70 characters (LinkedIn Help, as above).</summary>
    public const int LinkedInTitleMax = 70;

    /// <summary>X legacy limits (cards markup reference); the text is shown in the composer's summary, not on large cards since 2023.</summary>
    public const int XTitleMax = 70, XDescriptionMax = 200;

    /// <summary>Every platform the preview draws, in the order an author reads them.</summary>
    public static readonly IReadOnlyList<SharePlatform> Platforms =
    [
        // Large cards show neither title nor description since 2023: the limits above apply where X still shows text (summary cards, the composer).
        new(SharePlatformId.X, "X", ReadsTwitterTags: true, ShowsTitle: false, XTitleMax, DescriptionMax: 0, XLargeImageMin, XMaxImageBytes,
            "developer.x.com cards markup reference; large cards show the image and domain only since October 2023"),
        new(SharePlatformId.Facebook, "Facebook", ReadsTwitterTags: false, ShowsTitle: true, FacebookTitleMax, DescriptionMax: null, FacebookLargeImageMin, FacebookMaxImageBytes,
            "developers.facebook.com/docs/sharing/webmasters/images"),
        new(SharePlatformId.LinkedIn, "LinkedIn", ReadsTwitterTags: false, ShowsTitle: true, LinkedInTitleMax, DescriptionMax: 0, LinkedInLargeImageMin, LinkedInMaxImageBytes,
            "linkedin.com/help/linkedin/answer/a521928 (og:* only; caches about 7 days)"),
        new(SharePlatformId.Bluesky, "Bluesky", ReadsTwitterTags: false, ShowsTitle: true, TitleMax: null, DescriptionMax: null, LargeImageMin: null, MaxImageBytes: null,
            "bluesky-social/social-app link cards (cardyb reads og:title, og:description, og:image)"),
        new(SharePlatformId.Mastodon, "Mastodon", ReadsTwitterTags: false, ShowsTitle: true, TitleMax: null, DescriptionMax: null, LargeImageMin: null, MaxImageBytes: null,
            "docs.joinmastodon.org (preview cards from og:*; fediverse:creator byline since 4.3)"),
        new(SharePlatformId.WhatsApp, "WhatsApp", ReadsTwitterTags: false, ShowsTitle: true, TitleMax: null, DescriptionMax: null, LargeImageMin: null, WhatsAppMaxImageBytes,
            "undocumented: images over ~300 KB are dropped"),
        new(SharePlatformId.Slack, "Slack", ReadsTwitterTags: true, ShowsTitle: true, TitleMax: null, DescriptionMax: null, LargeImageMin: null, MaxImageBytes: null,
            "api.slack.com/reference/messaging/link-unfurling (og:*, twitter:label1/data1, label2/data2 as fields)"),
        new(SharePlatformId.Discord, "Discord", ReadsTwitterTags: true, ShowsTitle: true, TitleMax: null, DescriptionMax: null, LargeImageMin: null, MaxImageBytes: null,
            "Discord embeds: og:*, twitter:card for the large image, theme-color for the embed's colour bar"),
        new(SharePlatformId.Google, "Google", ReadsTwitterTags: false, ShowsTitle: true, GoogleTitleMax, GoogleDescriptionMax, LargeImageMin: null, MaxImageBytes: null,
            "developers.google.com/search/docs/appearance/title-link and /snippet (<title> and meta description)"),
    ];

    /// <summary>The id of warnings about the page as a whole rather than one platform's card.</summary>
    public const string AllPlatforms = "all";
}
