using System.Diagnostics;
using System.Globalization;
using NetVips;
using Serverless.Core.Sharing;

namespace Serverless.Core.Images;

/// <summary>
/// Makes the files readers get from an uploaded photo, with libvips (NetVips): upright (EXIF orientation applied to
/// the pixels), in sRGB, every width of <see cref="Widths"/> narrower than the picture and the picture's own width
/// (at most <see cref="MaxSide"/>), each as WebP, as AVIF up to <see cref="AvifMaxWidth"/> where it is smaller, and as
/// JPEG (PNG when the picture has transparency) for browsers without either; plus the 1.91:1 JPEG shared as og:image.
/// No metadata is written into any of them: no EXIF (GPS, serial numbers, owner), XMP, IPTC or ICC profile.
/// </summary>
/// <remarks>
/// Memory is bounded whatever the upload: the header is read first and a picture over <see cref="MaxPixels"/> is
/// refused before any pixel is decoded (a decompression bomb states 30,000×30,000 pixels in a few KB); the decoder
/// streams the file and shrinks while it reads (JPEG), and only the picture fitted in <see cref="MaxSide"/> ×
/// <see cref="MaxSide"/> (at most 26 MB of pixels) is held, besides the upload itself and one encoded file at a time.
/// </remarks>
public static class ImageProcessor
{
    /// <summary>The widths made (where the picture is wider): phones at 1×–3×, tablets, desktops and high-density screens.</summary>
    public static readonly IReadOnlyList<int> Widths = [320, 640, 960, 1280, 1920, 2560];

    /// <summary>Larger pictures are fitted in this square, as WordPress does (its big-image threshold is also 2,560).</summary>
    public const int MaxSide = 2560;

    /// <summary>
    /// AVIF is made up to this width, where it pays most: the phone widths, on the slowest networks, where it halves
    /// WebP's bytes for under 1 s of encoding in all; above it AVIF would cost about 4 s more per photo, for desktops
    /// on fast links (measured on a 3000×2000 photo: see benchmarks/README.md).
    /// </summary>
    public const int AvifMaxWidth = 1280;

    /// <summary>Pictures with more pixels than this (100 megapixels, 12,000 × 8,333) are refused from their header.</summary>
    public const long MaxPixels = 100_000_000;

    /// <summary>The shared image: 1200×630, Facebook's advised size at 1.91:1 (≥ 1200 wide for the large cards).</summary>
    public static readonly ImageSize ShareSize = new(1200, 630);

    /// <summary>The shared image stays under WhatsApp's limit (<see cref="ShareRules.WhatsAppMaxImageBytes"/>): its quality is lowered until it does.</summary>
    public const long ShareMaxBytes = ShareRules.WhatsAppMaxImageBytes;

    private const int WebpQuality = 80, AvifQuality = 50, JpegQuality = 82, ShareMinQuality = 42;

    /// <summary>The decoders of the formats accepted; anything else libvips could read (SVG, PDF, TIFF, HEIC…) is refused.</summary>
    private static readonly Dictionary<string, MediaInfo> Loaders = new(StringComparer.Ordinal)
    {
        ["jpegload_buffer"] = new("JPEG", "image/jpeg", 0, 0),
        ["pngload_buffer"] = new("PNG", "image/png", 0, 0),
        ["webpload_buffer"] = new("WebP", "image/webp", 0, 0),
        ["gifload_buffer"] = new("GIF", "image/gif", 0, 0),
    };

    /// <summary>The libvips classes of the accepted decoders (<see cref="Loaders"/>).</summary>
    private static readonly string[] AcceptedDecoders = ["VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp", "VipsForeignLoadNsgif"];

    public const string AcceptedTypes = "JPEG, PNG, WebP or GIF";

    static ImageProcessor()
    {
        // Each upload is decoded once: libvips's cache of operations would only hold memory.
        Cache.Max = 0;
        // Only the four decoders accepted ever see an upload's bytes: SVG, PDF, TIFF, HEIF and the loaders libvips
        // marks unsafe with untrusted input (ImageMagick, MATLAB, FITS…) cannot run in this process at all.
        NetVips.NetVips.BlockUntrusted = true;
        Operation.Block("VipsForeignLoad", true);
        foreach (var decoder in AcceptedDecoders)
        {
            Operation.Block(decoder, false);
        }
    }

    /// <summary>Every variant and the shared image; throws <see cref="ImageRefusedException"/> with what the author should do.</summary>
    public static ProcessedImage Process(byte[] content)
    {
        var notes = new List<string>();
        MediaInfo source;
        using (var header = Open(content))
        {
            source = Describe(header);
            if (header.Contains("n-pages") && header.Get("n-pages") is int pages && pages > 1)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"animated GIF of {pages} frames: only its first frame is published (a still picture); publish a video for motion"));
            }
            if (header.Interpretation == Enums.Interpretation.Cmyk)
            {
                notes.Add("CMYK colours (a print file) converted to sRGB for screens");
            }
        }
        try
        {
            // The loader's own fail_on: thumbnail's parameter of that name does not stop a JPEG cut short when it shrinks as it loads.
            using var fitted = Image.ThumbnailBuffer(content, MaxSide, optionString: "fail_on=error", height: MaxSide, size: Enums.Size.Down, outputProfile: "srgb");
            using var master = ToDisplay(fitted);
            var variants = new List<EncodedImage>();
            foreach (var width in Widths.Where(width => width < master.Width).Append(master.Width))
            {
                using var sized = width == master.Width ? master.Copy() : master.ThumbnailImage(width, height: 10_000_000, size: Enums.Size.Down).CopyMemory();
                variants.AddRange(Encode(sized));
            }
            return new ProcessedImage(source, master.Width, master.Height, variants, Share(master), notes);
        }
        catch (VipsException exception)
        {
            throw Damaged(exception);
        }
    }

    /// <summary>The header, read without decoding any pixel; refused when not an accepted type or over <see cref="MaxPixels"/>.</summary>
    private static Image Open(byte[] content)
    {
        Image image;
        try
        {
            image = Image.NewFromBuffer(content, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
        }
        catch (VipsException exception) when (exception.Message.Contains("not in a known format", StringComparison.Ordinal))
        {
            throw NotAccepted();
        }
        catch (VipsException exception)
        {
            throw Damaged(exception);
        }
        if ((long)image.Width * image.Height > MaxPixels)
        {
            var (width, height) = (image.Width, image.Height);
            image.Dispose();
            throw new ImageRefusedException(string.Create(CultureInfo.InvariantCulture,
                $"The image is {width}×{height} pixels: over the {MaxPixels / 1_000_000} megapixels an image may have (a picture this large is not decoded). Resize it, for example to {MaxSide} pixels wide, and upload it again."));
        }
        return image;
    }

    private static MediaInfo Describe(Image header)
    {
        var loader = header.Contains("vips-loader") ? header.Get("vips-loader") as string : null;
        return loader is not null && Loaders.TryGetValue(loader, out var type) ? type with { Width = header.Width, Height = header.Height } : throw NotAccepted();
    }

    /// <summary>Only the four decoders may run (see the static constructor): any other format, SVG included, is unknown to them.</summary>
    private static ImageRefusedException NotAccepted() =>
        new($"The file is not a {AcceptedTypes} image: only those are published (an SVG is refused, since it can carry scripts and links). Export it in one of these formats and upload it again.");

    private static ImageRefusedException Damaged(VipsException exception) =>
        new($"The file is not a {AcceptedTypes} image, or it is damaged or cut short ({FirstLine(exception.Message)}). Export it again and upload it again.");

    private static string FirstLine(string message) => message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is [.. var lines] && lines.Length > 0
        ? lines[^1].TrimEnd('.')
        : "unreadable";

    /// <summary>The fitted picture in memory, 8 bits per sample, sRGB (or grey), so each variant is made from it.</summary>
    private static Image ToDisplay(Image fitted)
    {
        var isDisplayable = fitted.Format == Enums.BandFormat.Uchar
            && fitted.Interpretation is Enums.Interpretation.Srgb or Enums.Interpretation.Bw;
        using var display = isDisplayable ? fitted.Copy() : fitted.Colourspace(Enums.Interpretation.Srgb).Cast(Enums.BandFormat.Uchar);
        return display.CopyMemory();
    }

    private static IEnumerable<EncodedImage> Encode(Image sized)
    {
        var width = sized.Width.ToString(CultureInfo.InvariantCulture);
        var webp = Timed(width + ".webp", "image/webp", sized, image => image.WebpsaveBuffer(q: WebpQuality, effort: 4, keep: Enums.ForeignKeep.None));
        yield return webp;
        if (sized.Width <= AvifMaxWidth)
        {
            var avif = Avif(sized);
            if (avif.Bytes.Length < webp.Bytes.Length)
            {
                yield return avif;
            }
        }
        yield return sized.HasAlpha()
            ? Timed(width + ".png", "image/png", sized, image => image.PngsaveBuffer(effort: 4, keep: Enums.ForeignKeep.None))
            : Timed(width + ".jpg", "image/jpeg", sized, Jpeg(JpegQuality));
    }

    /// <summary>Fills <see cref="ShareSize"/> (or the largest 1.91:1 the picture holds, never enlarged), centred, under <see cref="ShareMaxBytes"/>.</summary>
    private static EncodedImage Share(Image master)
    {
        var scale = Math.Min(1.0, Math.Max((double)ShareSize.Width / master.Width, (double)ShareSize.Height / master.Height));
        var targetWidth = Math.Min(ShareSize.Width, (int)Math.Round(master.Width * scale));
        var targetHeight = Math.Min(ShareSize.Height, (int)Math.Round(master.Height * scale));
        var ratio = (double)ShareSize.Width / ShareSize.Height;
        // A picture too small for 1200×630 keeps its pixels, cut to 1.91:1.
        targetHeight = Math.Min(targetHeight, (int)Math.Round(targetWidth / ratio));
        targetWidth = Math.Min(targetWidth, (int)Math.Round(targetHeight * ratio));
        using var cropped = master.ThumbnailImage(targetWidth, height: targetHeight, crop: Enums.Interesting.Centre, size: Enums.Size.Down).CopyMemory();
        using var flat = cropped.HasAlpha() ? cropped.Flatten(background: [255, 255, 255]) : cropped.Copy();
        EncodedImage share;
        var quality = JpegQuality;
        do
        {
            share = Timed("og.jpg", "image/jpeg", flat, Jpeg(quality));
            quality -= 10;
        }
        while (share.Bytes.Length > ShareMaxBytes && quality >= ShareMinQuality);
        return share;
    }

    /// <summary>AVIF as made for a variant; also what the benchmarks measure above <see cref="AvifMaxWidth"/>.</summary>
    internal static EncodedImage Avif(Image sized) => Timed(sized.Width.ToString(CultureInfo.InvariantCulture) + ".avif", "image/avif", sized,
        image => image.HeifsaveBuffer(q: AvifQuality, compression: Enums.ForeignHeifCompression.Av1, effort: 2, keep: Enums.ForeignKeep.None));

    private static Func<Image, byte[]> Jpeg(int quality) =>
        image => image.JpegsaveBuffer(q: quality, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None);

    private static EncodedImage Timed(string name, string contentType, Image image, Func<Image, byte[]> encode)
    {
        var watch = Stopwatch.StartNew();
        var bytes = encode(image);
        return new EncodedImage(name, contentType, image.Width, image.Height, bytes, watch.Elapsed);
    }
}
