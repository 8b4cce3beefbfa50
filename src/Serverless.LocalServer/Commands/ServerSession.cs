using Microsoft.Extensions.Options;
using Serverless.Core.Admin;
using Serverless.Core.Configuration;
using Serverless.LocalServer.Hosting;
using Serverless.LocalServer.Publishing;

namespace Serverless.LocalServer.Commands;

/// <summary>
/// What a command talks to: the running local server, found through its <c>server.json</c> (its storage for uploads,
/// its admin API for statuses), or the account that <c>AzureWebJobsStorage</c> names (then <c>Site__PublicBaseUrl</c>
/// gives the site's URLs).
/// </summary>
public sealed class ServerSession : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ServerFile? _file;

    private ServerSession(ServiceProvider services, RunningServer? server, ServerFile? file, string baseUrl)
    {
        _services = services;
        Server = server;
        _file = file;
        BaseUrl = baseUrl;
        Admin = server?.AdminKey is { } key ? new AdminApiClient(new Uri(LocalServerApp.ReachableUrl(server.Urls[0])), key) : null;
    }

    /// <summary>The local server the commands address; null when they run against a configured storage account.</summary>
    public RunningServer? Server { get; }

    /// <summary>The site's public base URL, which the URLs printed are built from.</summary>
    public string BaseUrl { get; }

    public ArticleUploader Uploader => _services.GetRequiredService<ArticleUploader>();

    /// <summary>Previews in this process, from the same storage: for files not uploaded yet.</summary>
    public Core.Sharing.SharePreviewer SharePreviewer => _services.GetRequiredService<Core.Sharing.SharePreviewer>();

    /// <summary>How an uploaded blob will look on each platform, from the running server (or read here from storage); null when it has no page.</summary>
    public async Task<Core.Sharing.SharePreview?> SharePreviewAsync(string blobName, CancellationToken cancellationToken) =>
        Admin is { } admin
            ? await admin.GetSharePreviewAsync(blobName, cancellationToken)
            : (await SharePreviewer.PreviewAsync(blobName, cancellationToken)).Share;

    /// <summary>The running server's admin API; null when the commands run against a configured storage account.</summary>
    public AdminApiClient? Admin { get; }

    /// <summary>Statuses from the server's admin API, or read from the storage account when there is no server.</summary>
    public IPublicationStatusSource Status => Admin ?? (IPublicationStatusSource)_services.GetRequiredService<PublicationStatusReader>();

    /// <summary>The failure report from the server's admin API, or read from the storage account when there is no server.</summary>
    public IFailureSource Failures => Admin ?? (IFailureSource)_services.GetRequiredService<FailureReport>();

    /// <summary>Republish jobs through the server's admin API, or in the storage account when there is no server (its Functions app runs them).</summary>
    public IRepublishJobs Jobs => Admin ?? (IRepublishJobs)_services.GetRequiredService<Republisher>();

    /// <summary>The settings commands read besides the server's: appsettings.json (storage names) and the environment.</summary>
    public static IConfigurationRoot DefaultConfiguration() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>Connects, or says why not (then the command exits with <see cref="ExitCodes.NoServer"/>).</summary>
    public static (ServerSession? Session, string? Problem) Connect(IConfiguration configuration, string stateDirectory)
    {
        var settings = new Dictionary<string, string?>();
        RunningServer? server = null;
        ServerFile? file = null;
        if (string.IsNullOrWhiteSpace(configuration[StorageOptions.ConnectionSettingName]))
        {
            file = new ServerFile(stateDirectory);
            server = file.FindRunning();
            if (server is null)
            {
                return (null, $"No local server is running (none has registered in {file.Path}). Start one with: dotnet run --project src/Serverless.LocalServer");
            }
            if (server.StorageConnection is null)
            {
                return (null, $"The local server at {server.PublicBaseUrl} uses a storage account whose key is not written down: set AzureWebJobsStorage to its connection string to run commands against it.");
            }
            settings[StorageOptions.ConnectionSettingName] = server.StorageConnection;
            settings[$"{SiteOptions.SectionName}:{nameof(SiteOptions.PublicBaseUrl)}"] = server.PublicBaseUrl;
        }
        var merged = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(settings).Build();

        var services = new ServiceCollection().AddLogging();
        services.AddServerlessCore(merged);
        services.AddSingleton<ArticleUploader>();
        var provider = services.BuildServiceProvider();
        try
        {
            return (new ServerSession(provider, server, file, provider.GetRequiredService<IOptions<SiteOptions>>().Value.BaseUrl), null);
        }
        catch (OptionsValidationException exception)
        {
            provider.Dispose();
            return (null, string.Join(" ", exception.Failures));
        }
    }

    /// <summary>False once the server the session found has stopped (commands against an account always run).</summary>
    public bool ServerIsRunning => Server is null || _file!.FindRunning()?.InstanceId == Server.InstanceId;

    /// <summary>"Local server http://…": the first line of every command's text output.</summary>
    public string Describe() => Server is { } server
        ? $"Local server {string.Join(", ", server.Urls)} (process {server.ProcessId})"
        : $"Storage account from AzureWebJobsStorage, site {BaseUrl}";

    /// <summary>For <c>--json</c>: the server the answer comes from.</summary>
    public object DescribeJson() => new { urls = Server?.Urls ?? [BaseUrl], publicBaseUrl = BaseUrl, processId = Server?.ProcessId };

    public ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        return _services.DisposeAsync();
    }
}
