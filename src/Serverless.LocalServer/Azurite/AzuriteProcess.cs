using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Serverless.LocalServer.NodeTools;

namespace Serverless.LocalServer.Azurite;

/// <summary>
/// Runs the Azurite storage emulator (blob, queue and table) as a child <c>node</c> process bound to 127.0.0.1
/// on ports the OS picks, installing it with <c>npm ci</c> on first use. Disposing stops it and waits for it to exit.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's single built-in account.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The publicly documented key of Azurite's development account; not a secret.</summary>
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    // Azurite needs a moment to close its servers (and, when persisting, flush its metadata databases).
    private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(10);

    // npm has its own network retries; this only stops a wedged install from hanging a test run forever.

    // Preloaded into node ahead of Azurite: when our end of its stdin closes (we dispose, or this .NET process
    // dies in any way, even SIGKILL), run Azurite's own SIGTERM handler so it closes cleanly and flushes
    // persisted data; it is emitted rather than sent so it works on Windows too. If Azurite has not installed
    // its handler yet, or its shutdown hangs, exit anyway. This is what keeps orphans from outliving a crashed
    // test host. Write errors are swallowed because a dead parent leaves stdout a broken pipe, and the EPIPE
    // from Azurite's "closing..." lines would otherwise crash node before it saves its metadata.
    private const string ParentWatchdogScript =
        "let done=false;const stop=()=>{if(done)return;done=true;" +
        "process.stdout.on('error',()=>{});process.stderr.on('error',()=>{});" +
        "setTimeout(()=>process.exit(0),8000).unref();" +
        "if(process.listenerCount('SIGTERM')>0)process.emit('SIGTERM');else process.exit(0);};" +
        "process.stdin.on('end',stop);process.stdin.on('close',stop);process.stdin.on('error',()=>{});" +
        "process.stdin.resume();";

    private readonly ChildProcess _node;
    private readonly ILogger _logger;
    private int _disposed;

    private AzuriteProcess(ChildProcess node, ILogger logger, int blobPort, int queuePort, int tablePort)
    {
        _node = node;
        _logger = logger;
        BlobEndpoint = AccountEndpoint(blobPort);
        QueueEndpoint = AccountEndpoint(queuePort);
        TableEndpoint = AccountEndpoint(tablePort);
        Ports = new AzuritePorts(blobPort, queuePort, tablePort);
        // Explicit endpoints: "UseDevelopmentStorage=true" only works on the fixed ports 10000-10002.
        ConnectionString = string.Create(
            CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};");
        _ = ReportUnexpectedExitAsync();
    }

    /// <summary>Storage connection string with explicit endpoints for this instance.</summary>
    public string ConnectionString { get; }

    /// <summary>Blob service URL including the account path, e.g. <c>http://127.0.0.1:PORT/devstoreaccount1</c>.</summary>
    public Uri BlobEndpoint { get; }

    /// <summary>Table service URL including the account path.</summary>
    public Uri TableEndpoint { get; }

    /// <summary>Queue service URL including the account path.</summary>
    public Uri QueueEndpoint { get; }

    /// <summary>The ports this instance bound.</summary>
    public AzuritePorts Ports { get; }

    /// <summary>
    /// Installs Azurite if needed, starts it and returns once blob, queue and table all accept connections.
    /// Nothing is left running if this throws or is cancelled.
    /// </summary>
    public static async Task<AzuriteProcess> StartAsync(AzuriteStartOptions options, ILogger logger, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.StartTimeout, TimeSpan.Zero);

        var toolsDirectory = await NodePackages.EnsureInstalledAsync(options.ToolsDirectory, logger, ct);
        var entryScript = Path.Combine(toolsDirectory, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entryScript))
        {
            throw new InvalidOperationException($"'{entryScript}' is missing after `npm ci`: package.json must list azurite.");
        }

        string? dataDirectory = null;
        if (options.DataDirectory is { } data)
        {
            dataDirectory = Path.GetFullPath(data);
            Directory.CreateDirectory(dataDirectory);
        }

        var blob = NewPortSignal();
        var queue = NewPortSignal();
        var table = NewPortSignal();
        void OnStdout(string line)
        {
            // Azurite prints the address it actually bound, which is how port 0 tells us the real port.
            var match = ListeningLine().Match(line);
            if (!match.Success || !Uri.TryCreate(match.Groups["url"].Value, UriKind.Absolute, out var url))
            {
                return;
            }

            var signal = match.Groups["service"].Value switch
            {
                "Blob" => blob,
                "Queue" => queue,
                _ => table,
            };
            signal.TrySetResult(url.Port);
        }

        var startInfo = new ProcessStartInfo("node") { WorkingDirectory = dataDirectory ?? toolsDirectory };
        foreach (var argument in AzuriteArguments(entryScript, dataDirectory, options.Ports))
        {
            startInfo.ArgumentList.Add(argument);
        }

        LogStarting(logger, dataDirectory ?? "memory");
        var stopwatch = Stopwatch.StartNew();
        ChildProcess node;
        try
        {
            node = ChildProcess.Start(startInfo, "azurite", logger, OnStdout, GracefulStopTimeout);
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                "Could not run `node` to start Azurite: Node.js 20.6 or later must be on PATH.", ex);
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.StartTimeout);
            try
            {
                var ready = Task.WhenAll(blob.Task, queue.Task, table.Task);
                var exited = node.WaitForExitAsync(CancellationToken.None);
                if (await Task.WhenAny(ready, exited).WaitAsync(timeout.Token) != ready)
                {
                    var output = node.OutputTail();
                    // Node.js before 20.6 rejects the --import that loads ParentWatchdogScript.
                    var hint = output.Contains("--import", StringComparison.Ordinal)
                        ? " Node.js 20.6 or later is required."
                        : "";
                    throw new InvalidOperationException(
                        $"Azurite exited with code {await exited} before it was ready.{hint} " +
                        $"Output:{Environment.NewLine}{output}");
                }

                var (blobPort, queuePort, tablePort) = (await blob.Task, await queue.Task, await table.Task);
                if (blobPort == 0 || queuePort == 0 || tablePort == 0)
                {
                    throw new InvalidOperationException(
                        $"Azurite did not report the ports it bound. Output:{Environment.NewLine}{node.OutputTail()}");
                }

                // The "listening" lines come from the servers' listen callbacks, so this should pass at once;
                // it guards against reading that output wrongly rather than against a slow start.
                foreach (var port in new[] { blobPort, queuePort, tablePort })
                {
                    await WaitForTcpAsync(port, timeout.Token);
                }

                var instance = new AzuriteProcess(node, logger, blobPort, queuePort, tablePort);
                LogStarted(
                    logger, stopwatch.ElapsedMilliseconds, blobPort, queuePort, tablePort,
                    dataDirectory ?? "memory");
                return instance;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"Azurite was not ready within {options.StartTimeout.TotalSeconds:0.###} s. " +
                    $"Output:{Environment.NewLine}{node.OutputTail()}");
            }
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops Azurite (gracefully, then by killing its process tree) and waits for it to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _node.DisposeAsync();
    }

    private static IEnumerable<string> AzuriteArguments(string entryScript, string? dataDirectory, AzuritePorts? ports)
    {
        // node runs Azurite directly (no npx, no shell) so the process we stop is Azurite itself.
        yield return "--import";
        yield return "data:text/javascript," + Uri.EscapeDataString(ParentWatchdogScript);
        yield return entryScript;
        foreach (var (service, port) in new[] { ("blob", ports?.Blob), ("queue", ports?.Queue), ("table", ports?.Table) })
        {
            yield return $"--{service}Host";
            yield return "127.0.0.1";
            // Port 0: the OS picks a free port at bind time, so concurrent instances cannot race for one.
            yield return $"--{service}Port";
            yield return (port ?? 0).ToString(CultureInfo.InvariantCulture);
        }

        // Telemetry makes shutdown wait ~85 s for a flush to a host we cannot reach.
        yield return "--disableTelemetry";
        // Lets newer Azure SDKs talk to this Azurite without pinning service versions.
        yield return "--skipApiVersionCheck";
        if (dataDirectory is null)
        {
            yield return "--inMemoryPersistence";
        }
        else
        {
            yield return "--location";
            yield return dataDirectory;
        }
    }

    private static Uri AccountEndpoint(int port) =>
        new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/{AccountName}"));

    private static TaskCompletionSource<int> NewPortSignal() =>
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static async Task WaitForTcpAsync(int port, CancellationToken ct)
    {
        while (true)
        {
            using var client = new TcpClient(AddressFamily.InterNetwork);
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, ct);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
            }
        }
    }

    private async Task ReportUnexpectedExitAsync()
    {
        var exitCode = await _node.WaitForExitAsync(CancellationToken.None);
        // Ctrl+C in a terminal reaches Azurite too, which then exits 0 on its own before we dispose it.
        if (Volatile.Read(ref _disposed) == 0 && exitCode != 0)
        {
            LogExitedUnexpectedly(_logger, exitCode, _node.OutputTail());
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at (?<url>\S+)")]
    private static partial Regex ListeningLine();

    [LoggerMessage(Level = LogLevel.Information, Message = "Starting Azurite (blob, queue, table), data in {Data}…")]
    private static partial void LogStarting(ILogger logger, string data);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Azurite ready in {ElapsedMs} ms: blob port {BlobPort}, queue port {QueuePort}, table port {TablePort}, data in {Data}")]
    private static partial void LogStarted(
        ILogger logger, long elapsedMs, int blobPort, int queuePort, int tablePort, string data);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azurite exited unexpectedly with code {ExitCode}. Output:\n{Output}")]
    private static partial void LogExitedUnexpectedly(ILogger logger, int exitCode, string output);

}
