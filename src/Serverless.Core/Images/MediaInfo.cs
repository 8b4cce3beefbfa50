namespace Serverless.Core.Images;

/// <summary>What an image file really is: its type's name and MIME type, and its size in pixels as stored.</summary>
public sealed record MediaInfo(string Name, string ContentType, int Width, int Height);
