using System.Buffers.Binary;
using System.Text;
using NetVips;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// Photos made for a test, as a phone takes them: smooth colour fields, texture and sensor grain (so they compress
/// like a photo: about 2.5 MB at 3000×2000, quality 90), and EXIF that betrays their source: the GPS position, the
/// device and its owner. Also the bad files an author may upload.
/// </summary>
public static class TestPhotos
{
    /// <summary>Where the photo was "taken": what must never leave the server.</summary>
    public const double Latitude = 48.8566, Longitude = 2.3522;

    public const string Owner = "Jane Source";

    /// <summary>A JPEG photo with GPS EXIF; <paramref name="orientation"/> is EXIF's (6: the pixels are stored rotated, to be turned 90° clockwise).</summary>
    public static byte[] Jpeg(int width, int height, int orientation = 1, int quality = 90)
    {
        using var photo = Pixels(width, height);
        return WithExif(photo.JpegsaveBuffer(q: quality, keep: Enums.ForeignKeep.None), orientation);
    }

    /// <summary>A CMYK JPEG, as print workflows export (no embedded profile).</summary>
    public static byte[] CmykJpeg(int width, int height)
    {
        using var photo = Pixels(width, height);
        using var cmyk = photo.IccTransform("cmyk");
        return cmyk.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.None);
    }

    /// <summary>An animated GIF of <paramref name="frames"/> frames, each a different colour.</summary>
    public static byte[] AnimatedGif(int width, int height, int frames)
    {
        var pages = Enumerable.Range(0, frames).Select(index => Image.Black(width, height, bands: 3) + new double[] { 60 * index, 200 - 60 * index, 128 }).ToArray();
        using var strip = Image.Arrayjoin(pages, across: 1).Cast(Enums.BandFormat.Uchar);
        using var animated = strip.Mutate(image => image.Set(GValue.GIntType, "page-height", height));
        foreach (var page in pages)
        {
            page.Dispose();
        }
        return animated.GifsaveBuffer();
    }

    /// <summary>
    /// A decompression bomb: a JPEG of a few hundred bytes whose header states <paramref name="width"/>×<paramref name="height"/>
    /// pixels (30,000 × 30,000: 2.7 GB once decoded).
    /// </summary>
    public static byte[] Bomb(int width, int height)
    {
        using var tiny = Image.Black(16, 16, bands: 3);
        var jpeg = tiny.JpegsaveBuffer(q: 50, keep: Enums.ForeignKeep.None);
        // The start-of-frame segment: FF C0, length, precision, then height and width, big-endian.
        var frame = jpeg.AsSpan().IndexOf(new byte[] { 0xFF, 0xC0 });
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(frame + 5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(frame + 7), (ushort)width);
        return jpeg;
    }

    private static Image Pixels(int width, int height)
    {
        using var red = Image.Perlin(width, height, cellSize: 256) * 90 + 128;
        using var green = Image.Perlin(width, height, cellSize: 180, seed: 2) * 90 + 110;
        using var blue = Image.Perlin(width, height, cellSize: 320, seed: 3) * 90 + 100;
        using var grain = Image.Gaussnoise(width, height, sigma: 12, mean: 0, seed: 4);
        using var texture = Image.Worley(width, height, cellSize: 40, seed: 5) * 0.6;
        using var colour = red.Bandjoin(green, blue);
        using var noise = (grain + texture).Bandjoin(grain + texture, grain + texture);
        using var sum = colour + noise;
        using var pixels = sum.Cast(Enums.BandFormat.Uchar);
        return pixels.Copy(interpretation: Enums.Interpretation.Srgb).CopyMemory();
    }

    /// <summary>The JPEG with an EXIF segment right after its start marker, as a phone writes it.</summary>
    private static byte[] WithExif(byte[] jpeg, int orientation)
    {
        var tiff = Exif(orientation);
        var segment = new byte[4 + 6 + tiff.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + 6 + tiff.Length));
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment.AsSpan(10));
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>A little-endian TIFF structure: IFD0 (make, model, orientation, artist, GPS pointer) and the GPS IFD.</summary>
    private static byte[] Exif(int orientation)
    {
        var ifd0 = new ExifDirectory();
        ifd0.Ascii(0x010F, "PhoneMaker");
        ifd0.Ascii(0x0110, "Phone 15 Pro");
        ifd0.Short(0x0112, (ushort)orientation);
        ifd0.Ascii(0x013B, Owner);
        var gps = new ExifDirectory();
        gps.Bytes(0x0000, [2, 3, 0, 0]);
        gps.Ascii(0x0001, Latitude >= 0 ? "N" : "S");
        gps.Rationals(0x0002, Degrees(Math.Abs(Latitude)));
        gps.Ascii(0x0003, Longitude >= 0 ? "E" : "W");
        gps.Rationals(0x0004, Degrees(Math.Abs(Longitude)));
        const int ifd0Offset = 8;
        var gpsOffset = ifd0Offset + ifd0.SizeWith(pointers: 1);
        ifd0.Long(0x8825, (uint)gpsOffset);
        var output = new List<byte>("II*\0"u8.ToArray());
        output.AddRange(BitConverter.GetBytes((uint)ifd0Offset));
        ifd0.WriteTo(output);
        gps.WriteTo(output);
        return [.. output];
    }

    private static (uint, uint)[] Degrees(double value)
    {
        var degrees = Math.Floor(value);
        var minutes = Math.Floor((value - degrees) * 60);
        var seconds = ((value - degrees) * 60 - minutes) * 60;
        return [((uint)degrees, 1), ((uint)minutes, 1), ((uint)Math.Round(seconds * 100), 100)];
    }

    /// <summary>One IFD: its entries (tags in increasing order) and the values too long to sit in an entry, written after it.</summary>
    private sealed class ExifDirectory
    {
        private readonly SortedDictionary<ushort, (ushort Type, uint Count, byte[] Value)> _entries = [];

        public void Ascii(ushort tag, string text) => _entries[tag] = (2, (uint)text.Length + 1, [.. Encoding.ASCII.GetBytes(text), 0]);

        public void Short(ushort tag, ushort value) => _entries[tag] = (3, 1, BitConverter.GetBytes(value));

        public void Long(ushort tag, uint value) => _entries[tag] = (4, 1, BitConverter.GetBytes(value));

        public void Bytes(ushort tag, byte[] value) => _entries[tag] = (1, (uint)value.Length, value);

        public void Rationals(ushort tag, (uint Numerator, uint Denominator)[] values) =>
            _entries[tag] = (5, (uint)values.Length, [.. values.SelectMany(value => BitConverter.GetBytes(value.Numerator).Concat(BitConverter.GetBytes(value.Denominator)))]);

        /// <summary>The IFD's size once written, with <paramref name="pointers"/> more four-byte entries still to add.</summary>
        public int SizeWith(int pointers) => 2 + (_entries.Count + pointers) * 12 + 4 + _entries.Values.Sum(entry => entry.Value.Length > 4 ? entry.Value.Length : 0);

        public void WriteTo(List<byte> output)
        {
            var dataOffset = output.Count + 2 + _entries.Count * 12 + 4;
            var data = new List<byte>();
            output.AddRange(BitConverter.GetBytes((ushort)_entries.Count));
            foreach (var (tag, (type, count, value)) in _entries)
            {
                output.AddRange(BitConverter.GetBytes(tag));
                output.AddRange(BitConverter.GetBytes(type));
                output.AddRange(BitConverter.GetBytes(count));
                if (value.Length <= 4)
                {
                    output.AddRange([.. value, .. new byte[4 - value.Length]]);
                }
                else
                {
                    output.AddRange(BitConverter.GetBytes((uint)(dataOffset + data.Count)));
                    data.AddRange(value);
                }
            }
            output.AddRange(BitConverter.GetBytes(0u));
            output.AddRange(data);
        }
    }
}
