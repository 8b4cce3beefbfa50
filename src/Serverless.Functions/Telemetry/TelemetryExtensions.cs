using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Serverless.Core.Publishing;

namespace Serverless.Functions.Telemetry;

/// <summary>
/// The worker's telemetry: its logs, the traces of function invocations and of every storage call (Azure SDK activity
/// sources), and the publishing metrics, exported with OpenTelemetry to Application Insights, authenticated with the
/// app's managed identity. Off, and costing nothing, when no connection string is set (tests, the local server).
/// </summary>
public static class TelemetryExtensions
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The client ID of the user-assigned identity, set by the Bicep for every Azure SDK client.</summary>
    public const string ClientIdSetting = "AZURE_CLIENT_ID";

    public static IServiceCollection AddServerlessTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }
        // The Azure SDK emits its client spans through ActivitySource only when this switch is on.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        TokenCredential credential = configuration[ClientIdSetting] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();

        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing
                .AddSource("Azure.*")
                .AddAzureMonitorTraceExporter(options => Configure(options, connectionString, credential)))
            .WithMetrics(metrics => metrics
                .AddMeter(PublishingMetrics.MeterName)
                .AddAzureMonitorMetricExporter(options => Configure(options, connectionString, credential)))
            .WithLogging(logging => logging
                .AddAzureMonitorLogExporter(options => Configure(options, connectionString, credential)));
        return services;
    }

    private static void Configure(AzureMonitorExporterOptions options, string connectionString, TokenCredential credential)
    {
        options.ConnectionString = connectionString;
        options.Credential = credential;
    }
}
