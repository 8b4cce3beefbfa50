namespace Serverless.Core.Images;

/// <summary>One file made from an upload: a width in one format, or the shared image; with how long it took to encode.</summary>
/// <param name="Name">What ends the blob's name: <c>640.webp</c>, <c>og.jpg</c>.</param>
public sealed record EncodedImage(string Name, string ContentType, int Width, int Height, byte[] Bytes, TimeSpan EncodeTime);
