namespace Serverless.Core.Sharing;

/// <summary>The image a platform shows: its absolute URL, its size when the tags say it, its bytes when known, and how it is shown.</summary>
public sealed record PreviewImage(string Url, int? Width, int? Height, long? Bytes, string? Alt, ImageDisplay Display);
