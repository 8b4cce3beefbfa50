using System.Text.Json;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// The metadata of images as another ecosystem reads it: exifr, a JavaScript EXIF, GPS, XMP, IPTC and ICC reader
/// (tests/tools/read-metadata.mjs), on the bytes a reader downloads. Null metadata: none found.
/// </summary>
public static class MetadataReader
{
    public static async Task<IReadOnlyDictionary<string, JsonElement?>> ReadAsync(IReadOnlyDictionary<string, byte[]> images)
    {
        var input = JsonSerializer.Serialize(images.Select(image => new { name = image.Key, base64 = Convert.ToBase64String(image.Value) }));
        using var json = await NodeTool.RunAsync("read-metadata.mjs", input);
        return json.RootElement.EnumerateArray().ToDictionary(
            result => result.GetProperty("name").GetString()!,
            result => result.GetProperty("metadata") is { ValueKind: JsonValueKind.Object } metadata ? metadata.Clone() : (JsonElement?)null);
    }
}
