using System.ComponentModel;
using System.Diagnostics;
using System.Security.Cryptography;

namespace Serverless.LocalServer.NodeTools;

/// <summary>
/// The Node.js tools the repository pins in package-lock.json (Azurite, and the page checkers the tests use),
/// installed with <c>npm ci</c> on first use, so a fresh machine needs nothing but Node.js.
/// </summary>
public static partial class NodePackages
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(5);

    /// <summary>Written after a complete install: the SHA-256 of the package-lock.json it installed.</summary>
    private const string StampFile = ".serverless-install.sha256";

    /// <summary>Makes node_modules match package-lock.json and returns the folder holding both.</summary>
    /// <param name="toolsDirectory">The folder with package-lock.json; null finds the repository root.</param>
    public static async Task<string> EnsureInstalledAsync(string? toolsDirectory, ILogger logger, CancellationToken ct)
    {
        var directory = toolsDirectory is null ? RepositoryRoot.Find() : Path.GetFullPath(toolsDirectory);
        var lockFile = Path.Combine(directory, "package-lock.json");
        if (!File.Exists(lockFile))
        {
            throw new InvalidOperationException($"'{directory}' has no package-lock.json to install the Node.js tools from.");
        }
        var wanted = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(lockFile, ct)));
        if (IsInstalled(directory, wanted))
        {
            return directory;
        }

        // Tests start in parallel; one installs, the others wait. The lock is not under node_modules: npm ci deletes
        // that folder, and with it a lock another process holds.
        var lockPath = Path.Combine(directory, "obj", "node-install.lock");
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        await using (await AcquireFileLockAsync(lockPath, logger, ct))
        {
            if (IsInstalled(directory, wanted))
            {
                return directory;
            }
            await RunNpmCiAsync(directory, logger, ct);
            await File.WriteAllTextAsync(Path.Combine(directory, "node_modules", StampFile), wanted, ct);
        }
        return directory;
    }

    /// <summary>Installed, completely, from this very package-lock.json (a changed lock file reinstalls).</summary>
    private static bool IsInstalled(string directory, string lockHash)
    {
        var stamp = Path.Combine(directory, "node_modules", StampFile);
        return File.Exists(stamp) && File.ReadAllText(stamp).Trim() == lockHash;
    }

    private static async Task<FileStream> AcquireFileLockAsync(string path, ILogger logger, CancellationToken ct)
    {
        var waiting = false;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive lock across processes (flock on Unix) and within this one.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                if (!waiting)
                {
                    LogWaitingForInstall(logger, path);
                    waiting = true;
                }
                await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
            }
        }
    }

    private static async Task RunNpmCiAsync(string directory, ILogger logger, CancellationToken ct)
    {
        // npm is a .cmd script on Windows, which only cmd.exe can start.
        var startInfo = OperatingSystem.IsWindows()
            ? new ProcessStartInfo("cmd.exe") { ArgumentList = { "/d", "/c", "npm" } }
            : new ProcessStartInfo("npm");
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            startInfo.ArgumentList.Add(argument);
        }
        startInfo.WorkingDirectory = directory;
        startInfo.Environment["NPM_CONFIG_UPDATE_NOTIFIER"] = "false";
        startInfo.Environment["NPM_CONFIG_PROGRESS"] = "false";

        LogInstalling(logger, directory);
        var stopwatch = Stopwatch.StartNew();
        ChildProcess npm;
        try
        {
            npm = ChildProcess.Start(startInfo, "npm", logger, onStdout: null, gracefulStopTimeout: TimeSpan.Zero);
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("Could not run `npm`: Node.js 20.6 or later (which brings npm) must be on PATH.", ex);
        }

        // Disposing kills npm and its children if we are cancelled or time out.
        await using (npm)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(InstallTimeout);
            int exitCode;
            try
            {
                // npm ci is silent for tens of seconds on a first run: say it is still going.
                var exit = npm.WaitForExitAsync(timeout.Token);
                while (await Task.WhenAny(exit, Task.Delay(ProgressInterval, timeout.Token)) != exit)
                {
                    LogStillInstalling(logger, (long)stopwatch.Elapsed.TotalSeconds);
                }
                exitCode = await exit;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"`npm ci` in '{directory}' did not finish within {InstallTimeout.TotalMinutes:0} minutes. Output:{Environment.NewLine}{npm.OutputTail()}");
            }
            if (exitCode != 0)
            {
                throw new InvalidOperationException(
                    $"`npm ci` in '{directory}' failed with exit code {exitCode}. Output:{Environment.NewLine}{npm.OutputTail()}");
            }
        }
        LogInstalled(logger, stopwatch.ElapsedMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Installing the Node.js tools (Azurite) with `npm ci` in {Directory}; once per checkout, about a minute")]
    private static partial void LogInstalling(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Still installing the Node.js tools ({ElapsedSeconds} s)…")]
    private static partial void LogStillInstalling(ILogger logger, long elapsedSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed the Node.js tools in {ElapsedMs} ms")]
    private static partial void LogInstalled(ILogger logger, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting for another process installing the Node.js tools (lock {LockPath})")]
    private static partial void LogWaitingForInstall(ILogger logger, string lockPath);
}
