using System.Text.Json;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// Real clients' view of a page (tests/tools/check-page.mjs): html-validate says whether it is a valid HTML5
/// document; open-graph-scraper reads the tags a social network would.
/// </summary>
public sealed record PageCheck(bool Valid, IReadOnlyList<string> Messages, JsonElement Social)
{
    public static async Task<PageCheck> RunAsync(string html)
    {
        using var json = await NodeTool.RunAsync("check-page.mjs", html);
        return new PageCheck(
            json.RootElement.GetProperty("valid").GetBoolean(),
            [.. json.RootElement.GetProperty("messages").EnumerateArray().Select(message => message.GetString()!)],
            json.RootElement.GetProperty("social").Clone());
    }

    public string? Tag(string name) => Social.TryGetProperty(name, out var value) ? value.GetString() : null;
}
