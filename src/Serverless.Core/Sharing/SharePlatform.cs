namespace Serverless.Core.Sharing;

/// <summary>
/// What one platform reads from a shared page and the limits it applies, as its documentation (or, where it has none,
/// observed behaviour) says. Every number is in <see cref="ShareRules"/>, with its source.
/// </summary>
/// <param name="Id">The key of the platform in the API: x, facebook, linkedin, bluesky, mastodon, whatsapp, slack, discord, google.</param>
/// <param name="Name">As authors know it.</param>
/// <param name="ReadsTwitterTags">Whether <c>twitter:*</c> tags come before <c>og:*</c> (X, Slack, Discord) or are ignored.</param>
/// <param name="ShowsTitle">False for X since October 2023: a large card is the image and the domain only.</param>
/// <param name="TitleMax">Characters of title shown before the platform cuts it; null when it wraps the whole title.</param>
/// <param name="DescriptionMax">Characters of description shown; 0 when none is shown; null when it is not cut.</param>
/// <param name="LargeImageMin">The smallest image shown large; a smaller one is shown as a small square (or not at all).</param>
/// <param name="MaxImageBytes">Above this an image is not shown; null when no limit is known.</param>
/// <param name="Source">Where these rules come from.</param>
public sealed record SharePlatform(
    string Id,
    string Name,
    bool ReadsTwitterTags,
    bool ShowsTitle,
    int? TitleMax,
    int? DescriptionMax,
    ImageSize? LargeImageMin,
    long? MaxImageBytes,
    string Source);
