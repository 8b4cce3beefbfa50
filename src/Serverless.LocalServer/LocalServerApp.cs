using Serverless.Core.Configuration;
using Serverless.LocalServer.Azurite;
using Serverless.LocalServer.Endpoints;
using Serverless.LocalServer.Hosting;
using Serverless.LocalServer.Publishing;

namespace Serverless.LocalServer;

/// <summary>
/// The local server: the core services and the shared HTTP handlers on Kestrel, ingest by reconciliation, stage 2 from
/// the render queue, and an
/// Azurite of its own unless <c>AzureWebJobsStorage</c> names a storage account. Disposing it stops everything it started.
/// </summary>
public sealed partial class LocalServerApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly AzuriteProcess? _azurite;
    private readonly ILoggerFactory _azuriteLogging;
    private (ServerFile File, RunningServer Server)? _published;

    private LocalServerApp(WebApplication app, AzuriteProcess? azurite, ILoggerFactory azuriteLogging)
    {
        _app = app;
        _azurite = azurite;
        _azuriteLogging = azuriteLogging;
    }

    /// <summary>The address the server listens on (the real port when started on port 0).</summary>
    public Uri BaseAddress => new(_app.Urls.First());

    public IServiceProvider Services => _app.Services;

    /// <exception cref="PortInUseException">Another program listens on one of <see cref="LocalServerSettings.Urls"/>.</exception>
    public static async Task<LocalServerApp> StartAsync(LocalServerSettings settings, CancellationToken cancellationToken)
    {
        PortInUseException.ThrowIfAnyTaken(settings.Urls);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings.Configuration);
        if (settings.Verbose)
        {
            builder.Configuration.AddInMemoryCollection(VerboseLogging);
        }
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
        // Hosting's per-request log ("Request starting …") is never shown, yet while its category is enabled at any level
        // ASP.NET Core starts an Activity and a logging scope for every request: off, unless a trace listener asks.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.WebHost.UseUrls(settings.Urls);
        // No "Server: Kestrel" on every answer: it tells a scanner what runs here and costs bytes on every response.
        // Kestrel's own rejections (400, 414, 431) carry the security headers too.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ConfigureEndpointDefaults(listen => listen.AddRejectionHeaders());
        });

        // Azurite logs through its own factory: it starts before the application's logging exists and stops after it.
        var azuriteLogging = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole(options => options.SingleLine = true));
        AzuriteProcess? azurite = null;
        try
        {
            if (!NamesStorageAccount(builder.Configuration))
            {
                azurite = await AzuriteProcess.StartAsync(new AzuriteStartOptions { DataDirectory = settings.DataDirectory },
                    azuriteLogging.CreateLogger("Serverless.LocalServer.Azurite"), cancellationToken);
                builder.Configuration[StorageOptions.ConnectionSettingName] = azurite.ConnectionString;
            }
            builder.Configuration[$"{SiteOptions.SectionName}:{nameof(SiteOptions.PublicBaseUrl)}"] ??= PublicUrlFrom(settings.Urls);

            builder.Services.AddServerlessCore(builder.Configuration, settings.ConfigureStorageClients);
            builder.Services.AddSingleton(settings);
            builder.Services.AddOptions<AdminOptions>().Bind(builder.Configuration.GetSection(AdminOptions.SectionName)).ValidateOnStart();
            builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<AdminOptions>, AdminOptionsValidator>();
            builder.Services.AddSingleton<AdminKey>();
            builder.Services.AddSingleton<AdminSessions>();
            builder.Services.AddSingleton<StorageResponseLog>();
            builder.Services.AddSingleton<ArticleUploader>();
            builder.Services.AddHostedService<SampleArticles>();
            builder.Services.AddHostedService<ReconcileLoop>();
            builder.Services.AddHostedService<BlobChangeNotifier>();
            builder.Services.AddHostedService<RenderQueueWorker>();
            builder.Services.AddHostedService<SiteFileWorker>();
            builder.Services.AddHostedService<ReleaseWorker>();
            builder.Services.AddHostedService<JobWorker>();
            builder.Services.AddHostedService<DeliveryWorker>();
            builder.Services.AddHostedService<FolderWatcher>();
        }
        catch
        {
            await StopAzuriteAsync(azurite, azuriteLogging);
            throw;
        }

        // From here the server owns Azurite: disposing the server stops it.
        var app = builder.Build();
        app.Services.GetRequiredService<StorageResponseLog>();
        app.UseSecurityHeaders();
        app.UseAdminGate();
        app.MapSignInEndpoints();
        app.MapSiteEndpoints();
        var server = new LocalServerApp(app, azurite, azuriteLogging);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException inUse)
        {
            // Taken between the check and the bind.
            await server.DisposeAsync();
            throw PortInUseException.ForUrls(settings.Urls, inUse);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        server.Announce(settings);
        return server;
    }

    /// <summary>
    /// Says where the site and its storage are, and leaves <c>server.json</c> for the commands, unless a running server
    /// already owns it (then the commands keep addressing that one). Written only once listening, so a server that fails
    /// to start never disturbs a running one.
    /// </summary>
    private void Announce(LocalServerSettings settings)
    {
        var logger = _app.Logger;
        var urls = _app.Urls.ToList();
        LogListening(logger, string.Join(", ", urls), _azurite is null ? "the configured storage account" : "Azurite, data " + (settings.DataDirectory ?? "in memory"));
        // Only a connection to Azurite is printed or written down: its development key is public, a real account's is not.
        var connection = _app.Configuration[StorageOptions.ConnectionSettingName];
        var developmentConnection = IsDevelopmentStorage(connection) ? connection : null;
        if (developmentConnection is not null)
        {
            LogConnection(logger, developmentConnection);
        }
        var adminKey = _app.Services.GetRequiredService<AdminKey>();
        if (adminKey.IsConfigured)
        {
            LogConfiguredAdminKey(logger);
        }
        else
        {
            LogGeneratedAdminKey(logger, adminKey.Value);
        }
        if (settings.StateDirectory is null)
        {
            return;
        }
        var file = new ServerFile(settings.StateDirectory);
        var server = ServerFile.Describe(urls, BaseUrl, developmentConnection, adminKey.Value);
        if (file.TryClaim(server) is { } owner)
        {
            LogNotOwner(logger, owner.ProcessId, string.Join(", ", owner.Urls), file.Path);
            return;
        }
        _published = (file, server);
    }

    private static bool IsDevelopmentStorage(string? connection) =>
        connection is not null && (connection.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase)
            || connection.Contains("AccountKey=" + AzuriteProcess.AccountKey, StringComparison.Ordinal));

    /// <summary>The public base URL the site builds its links from.</summary>
    private string BaseUrl => _app.Services.GetRequiredService<SiteOptions>().BaseUrl;

    private static readonly Dictionary<string, string?> VerboseLogging = new()
    {
        ["Logging:LogLevel:Default"] = "Debug",
        ["Logging:LogLevel:Microsoft"] = "Information",
        ["Logging:LogLevel:Serverless"] = "Debug",
    };

    /// <summary>Runs until Ctrl+C (or the token), then stops the server and Azurite.</summary>
    public async Task WaitForShutdownAsync(CancellationToken cancellationToken) => await _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync(CancellationToken.None);
        }
        finally
        {
            if (_published is var (file, server))
            {
                file.Release(server);
            }
            await _app.DisposeAsync();
            await StopAzuriteAsync(_azurite, _azuriteLogging);
        }
    }

    private static async Task StopAzuriteAsync(AzuriteProcess? azurite, ILoggerFactory azuriteLogging)
    {
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }
        azuriteLogging.Dispose();
    }

    private static bool NamesStorageAccount(ConfigurationManager configuration)
    {
        var connection = configuration.GetSection(StorageOptions.ConnectionSettingName);
        return !string.IsNullOrWhiteSpace(connection.Value) || connection.GetChildren().Any();
    }

    /// <summary>The first listening URL with a wildcard host made reachable: what readers of a local site type.</summary>
    private static string PublicUrlFrom(string urls) =>
        ReachableUrl(urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0]);

    /// <summary>A listening URL with a wildcard host (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c>) made one a client can call.</summary>
    internal static string ReachableUrl(string url) =>
        url.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving on {Urls}, storage: {Storage}. Press Ctrl+C to stop.")]
    private static partial void LogListening(ILogger logger, string urls, string storage);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Storage connection string: {ConnectionString} (paste it in Azure Storage Explorer under Connect → Storage account or service → Connection string, or pass it to az storage --connection-string)")]
    private static partial void LogConnection(ILogger logger, string connectionString);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Admin key (generated for this run; set Admin__Key to choose one): {AdminKey}. Pass it as the x-functions-key header or ?code= to /api/admin/…; the commands read it from server.json")]
    private static partial void LogGeneratedAdminKey(ILogger logger, string adminKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admin key: the one configured in Admin:Key (Admin__Key). Pass it as the x-functions-key header or ?code= to /api/admin/…")]
    private static partial void LogConfiguredAdminKey(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another local server (process {ProcessId}, {Urls}) owns {File}: the upload, delete, list, status and open commands address that one")]
    private static partial void LogNotOwner(ILogger logger, int processId, string urls, string file);
}
