namespace Serverless.Core.Images;

/// <summary>A variant as the media row records it: its blob in the media container (also its path after <c>/media/</c>), type, size and bytes.</summary>
public sealed record ImageVariant(string Blob, string ContentType, int Width, int Height, long Length);
