using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.LocalServer;
using Serverless.LocalServer.Azurite;

namespace Serverless.Benchmarks;

/// <summary>
/// Functions worker start to first HTTP answer: <c>benchmarks/Serverless.FunctionsStartup</c> (the worker's host built as
/// the Functions app builds it, then GET / through its function class) published twice, with and without ReadyToRun,
/// and each started as a new process <c>runs</c> times in turn, against an Azurite started here. Medians.
/// </summary>
internal static partial class FunctionsStartup
{
    public static async Task<int> RunAsync(int runs, string? jsonOut)
    {
        var root = RepositoryRoot.Find();
        var output = Path.Combine(Path.GetTempPath(), "serverless-functions-startup");
        var variants = new[] { ("JIT", false), ("ReadyToRun", true) };
        foreach (var (name, readyToRun) in variants)
        {
            await PublishAsync(root, Path.Combine(output, name), readyToRun);
        }
        await using var azurite = await AzuriteProcess.StartAsync(new AzuriteStartOptions(), NullLogger.Instance, CancellationToken.None);
        var samples = variants.ToDictionary(variant => variant.Item1, _ => new List<(double Built, double Answered)>());
        for (var run = 0; run <= runs; run++)
        {
            foreach (var (name, _) in variants)
            {
                var sample = await StartOnceAsync(Path.Combine(output, name), azurite.ConnectionString);
                Console.WriteLine($"{name} {(run == 0 ? "warm-up" : $"run {run}")}: host built {sample.Built:0} ms, first answer {sample.Answered:0} ms");
                if (run > 0)
                {
                    samples[name].Add(sample);
                }
            }
        }
        var rows = variants.SelectMany(variant => new[]
        {
            new ReportRow($"Functions worker start ({variant.Item1}): host built", StartupTimes.Median(samples[variant.Item1].Select(s => s.Built)), "ms"),
            new ReportRow($"Functions worker start ({variant.Item1}): first HTTP answer (GET /)", StartupTimes.Median(samples[variant.Item1].Select(s => s.Answered)), "ms"),
            new ReportRow($"Functions worker publish size ({variant.Item1})", SizeMb(Path.Combine(output, variant.Item1)), "MB"),
        }).ToList();
        ReportRow.Print($"Functions worker start, median of {runs} process starts each", rows);
        ReportRow.WriteJson(jsonOut, rows);
        return 0;
    }

    private static async Task PublishAsync(string root, string output, bool readyToRun)
    {
        var publish = new ProcessStartInfo("dotnet") { WorkingDirectory = root };
        foreach (var argument in new[] { "publish", "benchmarks/Serverless.FunctionsStartup", "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
            $"-p:PublishReadyToRun={readyToRun}", "-o", output, "-nologo", "-v", "quiet" })
        {
            publish.ArgumentList.Add(argument);
        }
        using var process = Process.Start(publish)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish (ReadyToRun={readyToRun}) failed with code {process.ExitCode}.");
        }
    }

    private static async Task<(double Built, double Answered)> StartOnceAsync(string directory, string connection)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(directory, "Serverless.FunctionsStartup.dll"));
        start.Environment["AzureWebJobsStorage"] = connection;
        // The settings the app validates on first use, as an App Service would set them.
        start.Environment["Site__PublicBaseUrl"] = "https://news.example.com";
        start.Environment["Site__Name"] = "Serverless News";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var match = Timings().Match(await stdout);
        if (process.ExitCode != 0 || !match.Success)
        {
            throw new InvalidOperationException($"The start-up probe failed (code {process.ExitCode}): {await stdout}{await stderr}");
        }
        return (double.Parse(match.Groups["built"].Value, System.Globalization.CultureInfo.InvariantCulture),
            double.Parse(match.Groups["answered"].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static double SizeMb(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length) / 1048576.0;

    [GeneratedRegex(@"host-built-ms=(?<built>\d+) first-answer-ms=(?<answered>\d+)")]
    private static partial Regex Timings();
}
