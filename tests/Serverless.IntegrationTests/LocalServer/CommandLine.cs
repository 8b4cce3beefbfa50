using System.Diagnostics;
using Serverless.LocalServer.Hosting;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>What a command printed and exited with.</summary>
public sealed record CommandRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs the local server's real entry point (<c>dotnet Serverless.LocalServer.dll</c>) as a separate process, from a
/// working folder of the test's choosing, finding servers through <paramref name="stateDirectory"/>.
/// </summary>
public sealed class CommandLine(string stateDirectory, string workingDirectory, IReadOnlyDictionary<string, string?>? settings = null)
{
    private static readonly string EntryPoint = Path.Combine(AppContext.BaseDirectory, "Serverless.LocalServer.dll");

    public string WorkingDirectory => workingDirectory;

    /// <remarks>
    /// 3 minutes: a bound against hanging, not a speed target. A one-file upload takes seconds; on a CI machine busy with
    /// the crash-injection lanes, one took over 90 s.
    /// </remarks>
    public Task<CommandRun> RunAsync(params string[] arguments) => RunAsync(TimeSpan.FromMinutes(3), arguments);

    public async Task<CommandRun> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            // What it printed before it was stopped: where it waited.
            throw new TimeoutException($"`{string.Join(' ', arguments)}` did not finish within {timeout.TotalSeconds:0} s. Output: {Tail(await output)} Error: {Tail(await error)}");
        }
        return new CommandRun(process.ExitCode, await output, await error);
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : "…" + text[^2000..];

    /// <summary>Starts a command that keeps running (a server); the caller stops it.</summary>
    public Process Start(params string[] arguments) => Process.Start(StartInfo(arguments))!;

    private ProcessStartInfo StartInfo(string[] arguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        startInfo.ArgumentList.Add(EntryPoint);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.Environment[ServerFile.StateDirectoryVariable] = stateDirectory;
        // The commands must find the server through its file, not through a storage setting of the test run.
        startInfo.Environment.Remove("AzureWebJobsStorage");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (key != "AzureWebJobsStorage")
            {
                startInfo.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }
        return startInfo;
    }

    /// <summary>A TCP port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
