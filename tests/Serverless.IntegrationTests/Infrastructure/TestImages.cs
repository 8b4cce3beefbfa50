using SkiaSharp;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>Images encoded for a test: a gradient (compresses well) or noise (does not, for files of a chosen weight).</summary>
public static class TestImages
{
    public static byte[] Encode(SKEncodedImageFormat format, int width, int height, bool noise = false)
    {
        using var bitmap = new SKBitmap(width, height);
        var random = new Random(1);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, noise ? new SKColor((uint)random.Next() | 0xFF000000) : new SKColor((byte)(x * 4), (byte)(y * 4), 128));
            }
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
