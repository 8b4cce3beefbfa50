namespace Serverless.Core.Images;

/// <summary>
/// What <see cref="ImageProcessor"/> made of an upload: every variant (narrowest first, each width in its formats),
/// the shared image, and what the author should know (an animated GIF reduced to its first frame, a CMYK photo converted).
/// </summary>
/// <param name="Source">What the upload is: its type and its size in pixels as stored (before the EXIF orientation).</param>
/// <param name="Width">The largest variant's width, upright.</param>
/// <param name="Height">The largest variant's height, upright.</param>
/// <param name="Share">The 1200×630 JPEG (or smaller where the picture is) shared as og:image.</param>
public sealed record ProcessedImage(MediaInfo Source, int Width, int Height, IReadOnlyList<EncodedImage> Variants, EncodedImage Share, IReadOnlyList<string> Notes);
