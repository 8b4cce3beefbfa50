namespace Serverless.Core.Rendering;

/// <summary>
/// The image a page shares (og:image, twitter:image, JSON-LD image): an uploaded article image, with what its file
/// says of its size and type, or an external image URL whose size is unknown.
/// </summary>
/// <param name="Url">Absolute URL.</param>
/// <param name="ContentType">image/jpeg, image/png, image/webp or image/gif; null when unknown.</param>
public sealed record ShareImage(string Url, int? Width, int? Height, string? ContentType, string Alt);
