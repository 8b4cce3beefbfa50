using System.Diagnostics;
using System.Globalization;
using Serverless.Core.Images;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.Benchmarks;

/// <summary>
/// `-- --images [runs]`: what one reporter's photo costs at ingest: the 3000×2000 JPEG with GPS EXIF the tests publish
/// (<see cref="TestPhotos"/>), processed <c>runs</c> times after a warm-up; per variant and format, the median encode
/// time and the bytes; then the whole processing (decode, resize, every encode), median and slowest. Also AVIF above
/// <see cref="ImageProcessor.AvifMaxWidth"/>, which is not made, to show what it would cost.
/// </summary>
public static class ImageVariantsCost
{
    public static int Run(int runs)
    {
        var photo = TestPhotos.Jpeg(3000, 2000);
        Console.WriteLine($"Photo: 3000×2000 JPEG, {photo.Length / 1024} KB, with GPS EXIF; {runs} runs after a warm-up, {Environment.ProcessorCount} cores");
        ImageProcessor.Process(photo);
        var totals = new List<TimeSpan>();
        var encodes = new Dictionary<string, List<TimeSpan>>();
        ProcessedImage? last = null;
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            last = ImageProcessor.Process(photo);
            totals.Add(watch.Elapsed);
            foreach (var file in last.Variants.Append(last.Share))
            {
                (encodes.TryGetValue(file.Name, out var times) ? times : encodes[file.Name] = []).Add(file.EncodeTime);
            }
        }
        Console.WriteLine("| File | Size | Bytes | Encode (median) |");
        Console.WriteLine("|---|---|---:|---:|");
        foreach (var file in last!.Variants.Append(last.Share))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {file.Name} | {file.Width}×{file.Height} | {file.Bytes.Length:N0} | {Median(encodes[file.Name]).TotalMilliseconds:0} ms |"));
        }
        foreach (var webp in last.Variants.Where(file => file.Width > ImageProcessor.AvifMaxWidth && file.ContentType == "image/webp"))
        {
            using var sized = NetVips.Image.NewFromBuffer(webp.Bytes);
            var avif = ImageProcessor.Avif(sized);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {avif.Name} (not made) | {avif.Width}×{avif.Height} | {avif.Bytes.Length:N0} | {avif.EncodeTime.TotalMilliseconds:0} ms |"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Whole processing: median {Median(totals).TotalMilliseconds:0} ms, slowest {totals.Max().TotalMilliseconds:0} ms; {last.Variants.Count + 1} files, {last.Variants.Sum(file => file.Bytes.Length) + last.Share.Bytes.Length:N0} bytes in all"));
        return 0;
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);
}
