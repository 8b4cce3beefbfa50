using System.Diagnostics;
using System.Text.Json;

namespace Serverless.LocalServer.Hosting;

/// <summary>What a running local server tells the command line: where it listens, where its storage is, and its admin key.</summary>
/// <param name="InstanceId">Tells this server's file from a later one's, even within one process (tests).</param>
/// <param name="AdminKey">The key of its admin API, which the commands read statuses from and report deletions to.</param>
/// <param name="ProcessStartTicks">On Linux, when the process started in clock ticks since boot (<c>/proc/PID/stat</c>).</param>
public sealed record RunningServer(
    string InstanceId, int ProcessId, DateTimeOffset ProcessStarted, IReadOnlyList<string> Urls, string PublicBaseUrl, string? StorageConnection, string? AdminKey,
    long? ProcessStartTicks = null);

/// <summary>
/// <c>server.json</c> in the local state folder: how commands find the running local server. Only the server that
/// created it rewrites or removes it; a second server (another port, or one that failed to start) leaves it alone,
/// and a file left by a killed server is recognised as stale because its process is gone.
/// </summary>
public sealed class ServerFile
{
    /// <summary>Overrides the state folder (default <c>.local</c> at the repository root): tests and side-by-side checkouts.</summary>
    public const string StateDirectoryVariable = "SERVERLESS_LOCAL_STATE";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public ServerFile(string stateDirectory) => Path = System.IO.Path.Combine(System.IO.Path.GetFullPath(stateDirectory), "server.json");

    public string Path { get; }

    /// <summary>The state folder of this checkout, or the one named by <see cref="StateDirectoryVariable"/>.</summary>
    public static string DefaultStateDirectory() =>
        Environment.GetEnvironmentVariable(StateDirectoryVariable) is { Length: > 0 } directory
            ? System.IO.Path.GetFullPath(directory)
            : System.IO.Path.Combine(RepositoryRoot.Find(), ".local");

    /// <summary>Describes the current process as a server at these URLs.</summary>
    public static RunningServer Describe(IReadOnlyList<string> urls, string publicBaseUrl, string? storageConnection, string adminKey)
    {
        using var self = Process.GetCurrentProcess();
        return new RunningServer(Guid.NewGuid().ToString("N"), self.Id, self.StartTime.ToUniversalTime(), urls, publicBaseUrl, storageConnection, adminKey,
            StartTicks(self.Id));
    }

    /// <summary>The server that owns the file, if its process still runs.</summary>
    public RunningServer? FindRunning()
    {
        var server = Read();
        return server is not null && IsAlive(server) ? server : null;
    }

    /// <summary>
    /// Writes the file for <paramref name="server"/> unless a live server owns it. Returns null on success, else the owner.
    /// </summary>
    public RunningServer? TryClaim(RunningServer server)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var written = $"{Path}.{server.InstanceId}.tmp";
        // It holds the admin key: readable by its owner only (where the file system has modes).
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = File.Open(written, options))
        {
            JsonSerializer.Serialize(file, server, JsonOptions);
        }
        try
        {
            for (var attempt = 0; attempt < 5; attempt++)
            {
                try
                {
                    // Moving without overwrite is atomic: of two servers starting together, one wins.
                    File.Move(written, Path, overwrite: false);
                    return null;
                }
                catch (IOException) when (File.Exists(Path))
                {
                    if (FindRunning() is { } owner)
                    {
                        return owner;
                    }
                    // Left by a server that was killed: set it aside (only one claimant can) and try again.
                    try
                    {
                        File.Move(Path, $"{Path}.{server.InstanceId}.stale", overwrite: true);
                        File.Delete($"{Path}.{server.InstanceId}.stale");
                    }
                    catch (IOException)
                    {
                    }
                }
            }
            return FindRunning();
        }
        finally
        {
            File.Delete(written);
        }
    }

    /// <summary>Removes the file if, and only if, <paramref name="server"/> wrote it.</summary>
    public void Release(RunningServer server)
    {
        if (Read()?.InstanceId == server.InstanceId)
        {
            File.Delete(Path);
        }
    }

    private RunningServer? Read()
    {
        try
        {
            return JsonSerializer.Deserialize<RunningServer>(File.ReadAllText(Path), JsonOptions);
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Field 22 of <c>/proc/PID/stat</c> (after the command name, which may hold spaces); null off Linux or when unreadable.</summary>
    private static long? StartTicks(int processId)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.TryParse(fields[19], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static bool IsAlive(RunningServer server)
    {
        try
        {
            using var process = Process.GetProcessById(server.ProcessId);
            if (process.HasExited)
            {
                return false;
            }
            // A recycled process id belongs to a process started at another time. Process.StartTime is worked out from
            // the wall clock, which a paused virtual machine or a clock step moves for every process at once: where the
            // kernel gives the start in ticks since boot, that is compared instead.
            return server.ProcessStartTicks is { } recorded && StartTicks(server.ProcessId) is { } ticks
                ? ticks == recorded
                : (process.StartTime.ToUniversalTime() - server.ProcessStarted).Duration() < TimeSpan.FromSeconds(2);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
