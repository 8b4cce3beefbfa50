using Serverless.Core.Configuration;
using Serverless.LocalServer.Azurite;
using Serverless.LocalServer.Endpoints;
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
    private readonly string? _connectionFile;

    private LocalServerApp(WebApplication app, AzuriteProcess? azurite, ILoggerFactory azuriteLogging, string? connectionFile)
    {
        _app = app;
        _azurite = azurite;
        _azuriteLogging = azuriteLogging;
        _connectionFile = connectionFile;
    }

    /// <summary>The address the server listens on (the real port when started on port 0).</summary>
    public Uri BaseAddress => new(_app.Urls.First());

    public IServiceProvider Services => _app.Services;

    public static async Task<LocalServerApp> StartAsync(LocalServerSettings settings, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings.Configuration);
        builder.WebHost.UseUrls(settings.Urls);

        // Azurite logs through its own factory: it starts before the application's logging exists and stops after it.
        var azuriteLogging = LoggerFactory.Create(logging => logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddSimpleConsole(options => options.SingleLine = true));
        AzuriteProcess? azurite = null;
        string? connectionFile = null;
        try
        {
            if (!NamesStorageAccount(builder.Configuration))
            {
                azurite = await AzuriteProcess.StartAsync(new AzuriteStartOptions { DataDirectory = settings.DataDirectory },
                    azuriteLogging.CreateLogger("Serverless.LocalServer.Azurite"), cancellationToken);
                builder.Configuration[StorageOptions.ConnectionSettingName] = azurite.ConnectionString;
                if (settings.ShareConnection)
                {
                    connectionFile = RepositoryRoot.ConnectionFile;
                    Directory.CreateDirectory(Path.GetDirectoryName(connectionFile)!);
                    await File.WriteAllTextAsync(connectionFile, azurite.ConnectionString, cancellationToken);
                }
            }
            builder.Configuration[$"{SiteOptions.SectionName}:{nameof(SiteOptions.PublicBaseUrl)}"] ??= PublicUrlFrom(settings.Urls);

            builder.Services.AddServerlessCore(builder.Configuration);
            builder.Services.AddSingleton(settings);
            builder.Services.AddSingleton<ArticleUploader>();
            builder.Services.AddHostedService<SampleArticles>();
            builder.Services.AddHostedService<ReconcileLoop>();
            builder.Services.AddHostedService<RenderQueueWorker>();
            builder.Services.AddHostedService<FolderWatcher>();
        }
        catch
        {
            await StopAzuriteAsync(azurite, azuriteLogging, connectionFile);
            throw;
        }

        // From here the server owns Azurite: disposing the server stops it.
        var app = builder.Build();
        app.MapSiteEndpoints();
        var server = new LocalServerApp(app, azurite, azuriteLogging, connectionFile);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        LogListening(app.Logger, string.Join(", ", app.Urls), azurite is null ? "the configured storage account" : "Azurite, data " + (settings.DataDirectory ?? "in memory"));
        return server;
    }

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
            await _app.DisposeAsync();
            await StopAzuriteAsync(_azurite, _azuriteLogging, _connectionFile);
        }
    }

    private static async Task StopAzuriteAsync(AzuriteProcess? azurite, ILoggerFactory azuriteLogging, string? connectionFile)
    {
        if (connectionFile is not null)
        {
            File.Delete(connectionFile);
        }
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
    private static string PublicUrlFrom(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
        return first.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving on {Urls}, storage: {Storage}. Press Ctrl+C to stop.")]
    private static partial void LogListening(ILogger logger, string urls, string storage);
}
