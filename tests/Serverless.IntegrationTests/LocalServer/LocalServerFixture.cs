using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;
using Serverless.LocalServer;

namespace Serverless.IntegrationTests.LocalServer;

/// <summary>A running local server on a free port, using the shared Azurite with storage names of its own.</summary>
public sealed class RunningLocalServer : IAsyncDisposable
{
    private RunningLocalServer(LocalServerApp app, Dictionary<string, string?> settings)
    {
        App = app;
        Settings = settings;
        Http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public LocalServerApp App { get; }
    public Dictionary<string, string?> Settings { get; }
    public HttpClient Http { get; }

    /// <summary>The key its admin API takes (generated at start unless configured).</summary>
    public string AdminKey => App.Services.GetRequiredService<Serverless.LocalServer.Hosting.AdminKey>().Value;

    /// <summary>A request to the admin API with the key, as the commands send it.</summary>
    public async Task<HttpResponseMessage> SendAdminAsync(HttpMethod method, string pathAndQuery, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery) { Content = content };
        request.Headers.Add(Serverless.LocalServer.Hosting.AdminKey.Header, AdminKey);
        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The articles container the server publishes from, whichever storage it runs on.</summary>
    public BlobContainerClient Articles => App.Services.GetRequiredService<StorageClients>().Articles;

    public static async Task<RunningLocalServer> StartAsync(string? connectionString, Func<LocalServerSettings, LocalServerSettings>? customize = null)
    {
        var settings = TestSite.StorageSettings(connectionString ?? string.Empty);
        if (connectionString is null)
        {
            settings.Remove("AzureWebJobsStorage"); // the server starts an Azurite of its own
        }
        var serverSettings = new LocalServerSettings
        {
            Urls = "http://127.0.0.1:0",
            SamplesDirectory = Path.Combine(AppContext.BaseDirectory, "Samples"),
            Configuration = settings,
            // These tests upload straight to storage, as another storage client would, with no event: reconcile often.
            ReconcileInterval = TimeSpan.FromSeconds(1),
        };
        var app = await LocalServerApp.StartAsync(customize?.Invoke(serverSettings) ?? serverSettings, TestContext.Current.CancellationToken);
        return new RunningLocalServer(app, settings);
    }

    /// <summary>Uploads as an author's storage client would, into the container the server watches.</summary>
    public async Task UploadAsync(string blobName, string content)
    {
        await App.Services.GetRequiredService<StorageClients>().EnsureCreatedAsync(TestContext.Current.CancellationToken);
        await Articles.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(content), overwrite: true, TestContext.Current.CancellationToken);
    }

    /// <summary>Polls until the page answers as expected: publishing runs every second in the background.</summary>
    public async Task<HttpResponseMessage> WaitForAsync(string path, System.Net.HttpStatusCode expected, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var response = await Http.GetAsync(path, TestContext.Current.CancellationToken);
            if (response.StatusCode == expected || DateTime.UtcNow > deadline)
            {
                return response;
            }
            response.Dispose();
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Polls until the page holds <paramref name="text"/>; returns the page last read.</summary>
    public async Task<string> WaitForTextAsync(string path, string text, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            using var response = await Http.GetAsync(path, TestContext.Current.CancellationToken);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (body.Contains(text, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return body;
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
    }
}
