using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>
/// A local server registered in a state folder of its own, with no public base URL (the commands print its own
/// address), and the command line run against it from a work folder that is neither the project's nor the repository's.
/// </summary>
public sealed class CommandLineSite : IAsyncDisposable
{
    private CommandLineSite(RunningLocalServer server, string url, string state, string work)
    {
        Server = server;
        Url = url;
        State = state;
        Work = work;
        Cli = new CommandLine(state, work, server.Settings);
    }

    public RunningLocalServer Server { get; }

    /// <summary>The server's address, as the commands print it.</summary>
    public string Url { get; }

    public string State { get; }

    public string Work { get; }

    public CommandLine Cli { get; }

    /// <param name="settings">Settings of the server's own, over the test storage names.</param>
    public static Task<CommandLineSite> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(azurite.ConnectionString, settings);

    /// <summary>The same, on the storage of <paramref name="connectionString"/> (an Azurite of the test's own).</summary>
    public static async Task<CommandLineSite> StartAsync(string connectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var state = Directory.CreateTempSubdirectory("cli-state-").FullName;
        var work = Directory.CreateTempSubdirectory("cli-work-").FullName;
        var url = $"http://127.0.0.1:{CommandLine.FreePort()}";
        var server = await RunningLocalServer.StartAsync(connectionString, defaults => defaults with
        {
            Urls = url,
            StateDirectory = state,
            SamplesDirectory = null,
            Configuration = defaults.Configuration.Where(setting => setting.Key != "Site:PublicBaseUrl")
                .Concat(settings ?? new Dictionary<string, string?>()).ToDictionary(),
        });
        return new CommandLineSite(server, url, state, work);
    }

    /// <summary>Writes a file into the work folder; returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Work, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(State, recursive: true);
        Directory.Delete(Work, recursive: true);
    }
}
