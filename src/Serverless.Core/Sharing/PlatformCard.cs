namespace Serverless.Core.Sharing;

/// <summary>
/// What one platform shows for the link: title and description as it cuts them (null when it shows none), the image
/// and how large, the domain, the byline, the site name, Slack's fields and Discord's colour.
/// </summary>
public sealed record PlatformCard(
    string Platform,
    string Name,
    string? Title,
    string? Description,
    PreviewImage? Image,
    string Domain,
    string? Byline,
    string? SiteName,
    IReadOnlyList<PreviewField> Fields,
    string? ThemeColor);
