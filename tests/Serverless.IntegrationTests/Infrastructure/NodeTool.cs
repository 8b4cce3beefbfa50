using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.LocalServer;
using Serverless.LocalServer.NodeTools;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>Runs a script of tests/tools with node (the packages installed from package-lock.json): a document on stdin, JSON out.</summary>
public static class NodeTool
{
    public static async Task<JsonDocument> RunAsync(string script, string input)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var root = await NodePackages.EnsureInstalledAsync(RepositoryRoot.Find(), NullLogger.Instance, cancellation);
        var startInfo = new ProcessStartInfo("node")
        {
            ArgumentList = { Path.Combine(root, "tests", "tools", script) },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node.");
        await node.StandardInput.WriteAsync(input);
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync(cancellation);
        var errors = node.StandardError.ReadToEndAsync(cancellation);
        await node.WaitForExitAsync(cancellation);
        if (node.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({node.ExitCode}): {await errors}");
        }
        return JsonDocument.Parse(await output);
    }
}
