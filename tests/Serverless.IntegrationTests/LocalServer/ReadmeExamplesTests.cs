using System.Diagnostics;
using System.Text.RegularExpressions;
using Serverless.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.LocalServer;
using Serverless.LocalServer.Azurite;
using Serverless.LocalServer.Hosting;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>
/// The README's command examples, run exactly as written (through bash, from the repository root, with
/// <c>dotnet run</c>) against a running local server as an author starts it (the sample articles published), in order;
/// each example's "#  " lines must appear in its output, and the site must be left as they describe it. The server has
/// an Azurite of its own, as an author's does, not the one the rest of the suite has filled by the time this runs.
/// </summary>
[Collection(nameof(ReadmeExamplesTests))]
[CollectionDefinition(nameof(ReadmeExamplesTests), DisableParallelization = true)]
public sealed partial class ReadmeExamplesTests
{
    private const string ReadmeSiteUrl = "http://localhost:7071";

    /// <summary>A command of the marked block and the output lines shown under it.</summary>
    public sealed record Example(string Command, IReadOnlyList<string> ExpectedLines);

    public static IReadOnlyList<Example> Examples()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "README.md"));
        var block = ExamplesBlock().Match(readme);
        Assert.True(block.Success, "README.md has no readme-examples block.");
        var examples = new List<Example>();
        foreach (var line in block.Groups["body"].Value.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith("dotnet ", StringComparison.Ordinal))
            {
                examples.Add(new Example(line, []));
            }
            else if (line.StartsWith("#  ", StringComparison.Ordinal))
            {
                // "#  " then the output line as printed, its own indentation included.
                examples[^1] = examples[^1] with { ExpectedLines = [.. examples[^1].ExpectedLines, line[3..]] };
            }
        }
        return examples;
    }

    [Fact]
    public async Task Every_example_runs_as_written_and_prints_what_the_readme_shows()
    {
        var state = Directory.CreateTempSubdirectory("readme-state-").FullName;
        var port = CommandLine.FreePort();
        await using var azurite = await AzuriteProcess.StartAsync(new AzuriteStartOptions(), NullLogger.Instance, TestContext.Current.CancellationToken);
        await using var server = await RunningLocalServer.StartAsync(azurite.ConnectionString, settings => settings with
        {
            Urls = $"http://127.0.0.1:{port}",
            StateDirectory = state,
            SamplesDirectory = SamplesFolder,
            Configuration = settings.Configuration.Where(setting => setting.Key != "Site:PublicBaseUrl").ToDictionary(),
        });
        var examples = Examples();
        Assert.NotEmpty(examples);
        await WaitUntilTheSamplesLinkToEachOtherAsync(server);

        foreach (var example in examples)
        {
            var run = await RunInRepositoryAsync(example.Command, state, server.Settings);

            Assert.True(run.ExitCode == 0, $"{example.Command}\n{run}");
            // The server's address as the README's, and its host alone too (the domain a share preview shows).
            var output = ProcessId().Replace(run.Output.Replace($"http://127.0.0.1:{port}", ReadmeSiteUrl, StringComparison.Ordinal)
                .Replace("127.0.0.1", new Uri(ReadmeSiteUrl).Host, StringComparison.Ordinal), "(process N)");
            foreach (var expected in example.ExpectedLines)
            {
                Assert.True(output.Contains(ProcessId().Replace(expected, "(process N)"), StringComparison.Ordinal),
                    $"{example.Command}\nexpected the line: {expected}\n{run}");
            }
        }
        // Left as described: the samples as published on start, their "A lire aussi" titles still links.
        using var sony = await server.Http.GetAsync("/articles/" + Samples.SonySlug, TestContext.Current.CancellationToken);
        var page = await sony.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains(PiratageLink, page, StringComparison.Ordinal);
        Assert.Contains(DdosLink, page, StringComparison.Ordinal);
        Directory.Delete(state, recursive: true);
    }

    private static readonly string SamplesFolder = Path.Combine(RepositoryRoot.Find(), "samples", "articles");
    private static readonly int SampleCount = Directory.GetFiles(SamplesFolder).Length;

    private const string PiratageLink = "<a href=\"/articles/piratage-de-sony-pictures-les-hackers-cherchaient-a-detruire\">";
    private const string DdosLink = "<a href=\"/articles/sony-pictures-l-empire-contre-attaque-avec-du-ddos\">";

    /// <summary>The samples are published, and the page citing the other two links to them, as an author finds the site.</summary>
    private static async Task WaitUntilTheSamplesLinkToEachOtherAsync(RunningLocalServer server)
    {
        var page = await server.WaitForTextAsync("/articles/" + Samples.SonySlug, PiratageLink, TimeSpan.FromSeconds(60));
        if (!page.Contains(DdosLink, StringComparison.Ordinal))
        {
            page = await server.WaitForTextAsync("/articles/" + Samples.SonySlug, DdosLink, TimeSpan.FromSeconds(60));
        }
        Assert.Contains(PiratageLink, page, StringComparison.Ordinal);
        Assert.Contains(DdosLink, page, StringComparison.Ordinal);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await server.SendAdminAsync(HttpMethod.Get, "/api/admin/sources");
            using var sources = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var states = sources.RootElement.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("state").GetString()).ToList();
            if (states.Count == SampleCount && states.All(state => state == "Published"))
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, "The samples were not all published: " + string.Join(", ", states));
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>An example's whole run, `dotnet run`'s build check included, on a machine busy with the rest of the suite.</summary>
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(3);

    private static async Task<CommandRun> RunInRepositoryAsync(string command, string state, IReadOnlyDictionary<string, string?> settings)
    {
        var startInfo = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryRoot.Find(), RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(command);
        startInfo.Environment[ServerFile.StateDirectoryVariable] = state;
        startInfo.Environment.Remove("AzureWebJobsStorage");
        // `dotnet run`'s build check in a process of its own, not through the build nodes the test run's own build left
        // behind (the suite runs under `dotnet test`, whose nodes stay up); nothing of the CLI's first run either.
        startInfo.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        startInfo.Environment["DOTNET_NOLOGO"] = "1";
        startInfo.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // The test server's storage names.
        foreach (var (key, value) in settings.Where(setting => setting.Key.StartsWith("Storage:", StringComparison.Ordinal)))
        {
            startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            // Which example hung, and what it had printed, rather than a bare cancellation.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` did not finish within {CommandTimeout.TotalMinutes:0} minutes.\n{new CommandRun(-1, await output, await error)}");
        }
        return new CommandRun(process.ExitCode, await output, await error);
    }

    [GeneratedRegex(@"<!-- readme-examples:[^>]*-->\s*```bash\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExamplesBlock();

    [GeneratedRegex(@"\(process \d+\)")]
    private static partial Regex ProcessId();
}
