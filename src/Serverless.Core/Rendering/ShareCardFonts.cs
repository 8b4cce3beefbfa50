using SkiaSharp;

namespace Serverless.Core.Rendering;

/// <summary>
/// The share card's typefaces, Open Sans Regular and Bold (SIL Open Font License 1.1, <c>Rendering/Fonts/OFL.txt</c>),
/// embedded in this assembly: cards never depend on the fonts a machine has installed, so they are the same everywhere.
/// </summary>
internal static class ShareCardFonts
{
    private static readonly SKTypeface RegularFace = Load("OpenSans-Regular.ttf");
    private static readonly SKTypeface BoldFace = Load("OpenSans-Bold.ttf");

    public static SKFont Regular(float size) => Font(RegularFace, size);

    public static SKFont Bold(float size) => Font(BoldFace, size);

    /// <summary>Unhinted, with subpixel positioning: widths scale linearly with the size, as layout assumes.</summary>
    private static SKFont Font(SKTypeface typeface, float size) => new(typeface, size)
    {
        Edging = SKFontEdging.Antialias,
        Hinting = SKFontHinting.None,
        Subpixel = true,
        LinearMetrics = true,
    };

    private static SKTypeface Load(string fileName)
    {
        var name = $"{typeof(ShareCardFonts).Namespace}.Fonts.{fileName}";
        using var stream = typeof(ShareCardFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font '{name}' is not embedded in {typeof(ShareCardFonts).Assembly.GetName().Name}.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        using var data = SKData.CreateCopy(bytes.ToArray());
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"The font '{name}' could not be read.");
    }
}
