using System.Diagnostics;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.LocalServer.Hosting;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>
/// The local server as an author starts it: its real entry point in a process of its own, with its own Azurite, run
/// from a folder of the author's (not the project's), with relative --data and --watch folders.
/// </summary>
public sealed class ServerProcess : IAsyncLifetime
{
    private readonly System.Text.StringBuilder _output = new();
    private Process _process = null!;

    public string State { get; } = Directory.CreateTempSubdirectory("server-state-").FullName;
    public string Work { get; } = Directory.CreateTempSubdirectory("server-work-").FullName;
    public int Port { get; } = CommandLine.FreePort();
    public string Url => $"http://127.0.0.1:{Port}";
    public CommandLine Cli => new(State, Work);

    /// <summary>What the server printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async ValueTask InitializeAsync()
    {
        _process = Cli.Start("--urls", Url, "--data", "data", "--watch", "my-articles", "--no-samples");
        _process.OutputDataReceived += (_, line) => Append(line.Data);
        _process.ErrorDataReceived += (_, line) => Append(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (new ServerFile(State).FindRunning() is null)
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The server did not register. Output:\n{Output}");
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>Stops it as Ctrl+C or a service manager would (SIGTERM), and waits for it to exit.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        Directory.Delete(State, recursive: true);
        Directory.Delete(Work, recursive: true);
    }
}

public sealed class ServerProcessTests(ServerProcess server) : IClassFixture<ServerProcess>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void Relative_data_folder_is_taken_from_the_folder_the_server_runs_in() =>
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(Path.Combine(server.Work, "data")));

    [Fact]
    public async Task Relative_watched_folder_is_taken_from_the_folder_the_server_runs_in()
    {
        var file = Path.Combine(server.Work, "my-articles", "watched.md");
        await File.WriteAllTextAsync(file, Samples.FrontMatterArticle("Watched from elsewhere", extra: "slug: watched-from-elsewhere"), Cancellation);

        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpResponseMessage response;
        do
        {
            await Task.Delay(200, Cancellation);
            response = await http.GetAsync("/articles/watched-from-elsewhere", Cancellation);
        }
        while (response.StatusCode != System.Net.HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void Start_prints_the_storage_connection_string_and_where_to_paste_it()
    {
        Assert.Contains("Storage connection string: DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;", server.Output);
        Assert.Contains("Azure Storage Explorer", server.Output);
    }

    [Fact]
    public void Start_prints_the_generated_admin_key_the_commands_use()
    {
        var key = new ServerFile(server.State).FindRunning()?.AdminKey;

        Assert.NotNull(key);
        Assert.Contains($"Admin key (generated for this run; set Admin__Key to choose one): {key}.", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expected_storage_answers_are_not_logged_as_warnings()
    {
        // A new blob: the uploader's look at its current content answers 404.
        await File.WriteAllTextAsync(Path.Combine(server.Work, "new-blob.md"), Samples.FrontMatterArticle("A new blob", extra: "slug: a-new-blob"), Cancellation);
        Assert.Equal(0, (await server.Cli.RunAsync("upload", "new-blob.md")).ExitCode);

        Assert.DoesNotContain("BlobNotFound", server.Output);
        Assert.DoesNotContain("ContainerAlreadyExists", server.Output);
        Assert.DoesNotContain("warn:", server.Output);
    }

    [Fact]
    public async Task Second_server_on_the_same_port_fails_in_one_line_and_the_first_stays_reachable()
    {
        var registered = new ServerFile(server.State).FindRunning();

        var second = await server.Cli.RunAsync("--urls", server.Url, "--no-samples");

        Assert.Equal(1, second.ExitCode);
        Assert.Equal(
            $"Port {server.Port} is already in use, so the server cannot listen on {server.Url}: stop the program using it, or choose another address with --urls (for example --urls http://localhost:{server.Port + 1}).",
            second.Error.Trim());
        Assert.Equal(string.Empty, second.Output.Trim());
        Assert.Equal(registered!.InstanceId, new ServerFile(server.State).FindRunning()?.InstanceId);
        var list = await server.Cli.RunAsync("list");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.StartsWith($"Local server {server.Url} ", list.Output);
    }
}
