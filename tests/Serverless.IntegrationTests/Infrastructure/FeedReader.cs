using System.Text.Json;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// A feed as a feed reader reads it: rss-parser (tests/tools/parse-feed.mjs), the parser of many Node.js readers,
/// for RSS 2.0 and Atom alike. Throws if it cannot read the document.
/// </summary>
public sealed record FeedReader(JsonElement Feed)
{
    public static async Task<FeedReader> ParseAsync(string xml)
    {
        using var json = await NodeTool.RunAsync("parse-feed.mjs", xml);
        return new FeedReader(json.RootElement.Clone());
    }

    public IReadOnlyList<JsonElement> Items => [.. Feed.GetProperty("items").EnumerateArray()];

    public string? this[string property] => Text(Feed, property);

    public static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
