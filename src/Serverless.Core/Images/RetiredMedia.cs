namespace Serverless.Core.Images;

/// <summary>A replaced version of an image: its folder in the media container (<c>{hash}</c>) and when a newer version replaced it.</summary>
public sealed record RetiredMedia(string Version, DateTimeOffset RetiredAt);
