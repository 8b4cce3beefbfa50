using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Serverless.LocalServer.NodeTools;

/// <summary>
/// A child process whose output is forwarded to the logger and kept as a short tail for error messages,
/// and which is always stopped and reaped on dispose.
/// </summary>
internal sealed partial class ChildProcess : IAsyncDisposable
{
    private const int TailLines = 40;

    private readonly Process _process;
    private readonly string _source;
    private readonly ILogger _logger;
    private readonly TimeSpan _gracefulStopTimeout;
    private readonly Queue<string> _tail = new();
    private readonly Task _pumps;
    private readonly Task<int> _exited;

    private ChildProcess(
        Process process, string source, ILogger logger, Action<string>? onStdout, TimeSpan gracefulStopTimeout)
    {
        _process = process;
        _source = source;
        _logger = logger;
        _gracefulStopTimeout = gracefulStopTimeout;
        _pumps = Task.WhenAll(
            Task.Run(() => PumpAsync(process.StandardOutput, source, onStdout)),
            Task.Run(() => PumpAsync(process.StandardError, source + " stderr", onLine: null)));
        _exited = WatchExitAsync();
        if (gracefulStopTimeout == TimeSpan.Zero)
        {
            // Nothing to signal through stdin, so give the child an immediate end of input.
            process.StandardInput.Close();
        }
    }

    /// <summary>Starts the process with all three standard streams redirected; throws Win32Exception if not found.</summary>
    public static ChildProcess Start(
        ProcessStartInfo startInfo, string source, ILogger logger, Action<string>? onStdout,
        TimeSpan gracefulStopTimeout)
    {
        startInfo.UseShellExecute = false;
        startInfo.CreateNoWindow = true;
        // Redirecting stdin matters: the child must not read the test host's console, and for Azurite the
        // pipe is the stop signal (see ParentWatchdogScript).
        startInfo.RedirectStandardInput = true;
        startInfo.RedirectStandardOutput = true;
        startInfo.RedirectStandardError = true;
        startInfo.StandardOutputEncoding = Encoding.UTF8;
        startInfo.StandardErrorEncoding = Encoding.UTF8;
        var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start '{startInfo.FileName}'.");
        return new ChildProcess(process, source, logger, onStdout, gracefulStopTimeout);
    }

    /// <summary>Waits for the process to exit and its output to be read to the end; returns the exit code.</summary>
    public Task<int> WaitForExitAsync(CancellationToken ct) => _exited.WaitAsync(ct);

    public string OutputTail()
    {
        lock (_tail)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited && _gracefulStopTimeout > TimeSpan.Zero)
        {
            try
            {
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The child already closed its end; it is on its way out.
            }

            using var grace = new CancellationTokenSource(_gracefulStopTimeout);
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                LogKilling(_logger, _source, _process.Id);
            }
        }

        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
            {
                // It exited between the check and the kill.
            }

        }

        // Reads the exit code before the Process object goes away, so other waiters still get it.
        await _exited;
        _process.Dispose();
    }

    private async Task<int> WatchExitAsync()
    {
        await _process.WaitForExitAsync(CancellationToken.None);
        await DrainOutputAsync();
        return _process.ExitCode;
    }

    private async Task DrainOutputAsync()
    {
        // A grandchild that inherited the pipes could keep them open after the child exits; don't wait on it.
        try
        {
            await _pumps.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }
    }

    private async Task PumpAsync(StreamReader reader, string source, Action<string>? onLine)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (_tail)
                {
                    if (_tail.Count == TailLines)
                    {
                        _tail.Dequeue();
                    }

                    _tail.Enqueue(line);
                }

                LogOutput(_logger, source, line);
                onLine?.Invoke(line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pipe went away with the process; nothing more to read.
        }
    }


    [LoggerMessage(Level = LogLevel.Debug, Message = "{Source}: {Line}")]
    private static partial void LogOutput(ILogger logger, string source, string line);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Source} (pid {ProcessId}) did not stop in time; killing its process tree")]
    private static partial void LogKilling(ILogger logger, string source, int processId);
}
