using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.LocalServer;
using Serverless.LocalServer.NodeTools;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// Real clients' view of a page (tests/tools/check-page.mjs): html-validate says whether it is a valid HTML5
/// document; open-graph-scraper reads the tags a social network would.
/// </summary>
public sealed record PageCheck(bool Valid, IReadOnlyList<string> Messages, JsonElement Social)
{
    public static async Task<PageCheck> RunAsync(string html)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var root = await NodePackages.EnsureInstalledAsync(RepositoryRoot.Find(), NullLogger.Instance, cancellation);
        var startInfo = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(root, "tests", "tools", "check-page.mjs") },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node.");
        await node.StandardInput.WriteAsync(html);
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync(cancellation);
        var errors = node.StandardError.ReadToEndAsync(cancellation);
        await node.WaitForExitAsync(cancellation);
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"check-page.mjs failed ({node.ExitCode}): {await errors}");
        }
        using var json = JsonDocument.Parse(await output);
        return new PageCheck(
            json.RootElement.GetProperty("valid").GetBoolean(),
            [.. json.RootElement.GetProperty("messages").EnumerateArray().Select(message => message.GetString()!)],
            json.RootElement.GetProperty("social").Clone());
    }

    public string? Tag(string name) => Social.TryGetProperty(name, out var value) ? value.GetString() : null;
}
