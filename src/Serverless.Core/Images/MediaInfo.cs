namespace Serverless.Core.Images;

/// <summary>What an image file really is: its type's name, MIME type and usual extension, and its size in pixels.</summary>
public sealed record MediaInfo(string Name, string ContentType, string Extension, int Width, int Height);
