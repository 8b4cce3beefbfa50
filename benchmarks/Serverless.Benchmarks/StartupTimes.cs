using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Serverless.LocalServer;

namespace Serverless.Benchmarks;

/// <summary>
/// Local server start to first served page, as a user starts it: the built Release assembly run as a new process, with
/// its own in-memory Azurite and the sample published on start. Each run times, from the process start, Azurite ready
/// (the server's own log line), Kestrel listening, the first 200 of the home page and of the sample's page. One
/// unmeasured run first installs Azurite if needed (the target is "once Azurite is installed").
/// </summary>
internal static class StartupTimes
{
    private const string SamplePage = "/articles/sony-pictures-anonymous-et-bittorrent-prets-a-diffuser-the-interview";

    public static async Task<int> RunAsync(int runs, string? jsonOut)
    {
        var root = RepositoryRoot.Find();
        var server = Path.Combine(root, "src", "Serverless.LocalServer", "bin", "Release", "net10.0", "Serverless.LocalServer.dll");
        if (!File.Exists(server))
        {
            Console.Error.WriteLine($"{server} is missing: run `dotnet build src/Serverless.LocalServer -c Release` first.");
            return 2;
        }
        var samples = new List<Sample>();
        for (var run = 0; run <= runs; run++)
        {
            var sample = await MeasureOnceAsync(root, server);
            Console.WriteLine($"{(run == 0 ? "warm-up" : $"run {run}")}: {sample}");
            if (run > 0)
            {
                samples.Add(sample);
            }
        }
        var rows = new List<ReportRow>
        {
            new("local server start: Azurite ready", Median(samples.Select(s => s.AzuriteReady)), "s"),
            new("local server start: listening", Median(samples.Select(s => s.Listening)), "s"),
            new("local server start: first 200 of /", Median(samples.Select(s => s.HomePage)), "s"),
            new("local server start: first 200 of the sample page", Median(samples.Select(s => s.ArticlePage)), "s"),
            new("local server start: our own (listening minus Azurite)", Median(samples.Select(s => s.Listening - s.AzuriteReady)), "s"),
        };
        ReportRow.Print($"Local server start, median of {runs} process starts (Release, in-memory Azurite)", rows);
        ReportRow.WriteJson(jsonOut, rows);
        return 0;
    }

    /// <summary>Seconds from the process start to each milestone.</summary>
    private sealed record Sample(double AzuriteReady, double Listening, double HomePage, double ArticlePage)
    {
        public override string ToString() =>
            $"Azurite ready {AzuriteReady:0.00} s, listening {Listening:0.00} s, / {HomePage:0.00} s, sample page {ArticlePage:0.00} s";
    }

    private static async Task<Sample> MeasureOnceAsync(string root, string server)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[] { server, "--urls", url })
        {
            start.ArgumentList.Add(argument);
        }
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var azuriteReady = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listening = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }
            output.Enqueue(line);
            if (line.Contains("Azurite ready in", StringComparison.Ordinal))
            {
                azuriteReady.TrySetResult(clock.Elapsed.TotalSeconds);
            }
            else if (line.Contains("Serving on", StringComparison.Ordinal))
            {
                listening.TrySetResult(clock.Elapsed.TotalSeconds);
            }
        }
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
            var home = await FirstOkAsync(http, "/", clock, process);
            var article = await FirstOkAsync(http, SamplePage, clock, process);
            return new Sample(await azuriteReady.Task.WaitAsync(TimeSpan.FromSeconds(5)), await listening.Task.WaitAsync(TimeSpan.FromSeconds(5)), home, article);
        }
        catch (Exception exception) when (exception is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{exception.Message} Server output:\n{string.Join('\n', output.TakeLast(30))}", exception);
        }
        finally
        {
            await StopAsync(process);
        }
    }

    /// <summary>Seconds from the clock's start to the first 200 of <paramref name="path"/>, polled every 10 ms.</summary>
    private static async Task<double> FirstOkAsync(HttpClient http, string path, Stopwatch clock, Process process)
    {
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode} before {path} answered 200.");
            }
            try
            {
                using var response = await http.GetAsync(path);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return clock.Elapsed.TotalSeconds;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or too busy starting to answer within the client's timeout.
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"{path} did not answer 200 within 120 s.");
    }

    /// <summary>Ctrl+C, as a user stops it (the server then stops its Azurite); killed with its children if it lingers.</summary>
    internal static async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
