namespace Serverless.Core.Images;

/// <summary>An upload that is not published as an image; the message is what its author reads in the status.</summary>
public sealed class ImageRefusedException(string message) : Exception(message);
