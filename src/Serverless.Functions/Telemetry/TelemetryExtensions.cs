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
/// The worker's telemetry: its logs, the traces of function invocations (sampled: <see cref="TelemetryOptions.SamplingRatio"/>)
/// and of failed storage calls (<see cref="TelemetryOptions.AzureSdkSpans"/>), and the publishing metrics (never
/// sampled), exported with OpenTelemetry to Application Insights, authenticated with the app's managed identity. Off, and
/// costing nothing, when no connection string is set (tests, the local server).
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
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        var telemetry = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        TokenCredential credential = configuration[ClientIdSetting] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();

        services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => AddAzureSdkSpans(tracing, telemetry.AzureSdkSpans)
                .AddAzureMonitorTraceExporter(options =>
                {
                    Configure(options, connectionString, credential);
                    // The exporter sets the tracer's sampler from these: a fixed ratio, not its rate limit.
                    options.SamplingRatio = telemetry.SamplingRatio;
                    options.TracesPerSecond = null;
                    options.EnableTraceBasedLogsSampler = true;
                }))
            .WithMetrics(metrics => metrics
                .AddMeter(PublishingMetrics.MeterName)
                .AddAzureMonitorMetricExporter(options => Configure(options, connectionString, credential)))
            .WithLogging(logging => logging
                .AddAzureMonitorLogExporter(options => Configure(options, connectionString, credential)));
        return services;
    }

    private static TracerProviderBuilder AddAzureSdkSpans(TracerProviderBuilder tracing, AzureSdkSpans spans)
    {
        if (spans == AzureSdkSpans.None)
        {
            return tracing;
        }
        // The Azure SDK emits its client spans through ActivitySource only when this switch is on.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        tracing.AddSource(FailedAzureSdkSpanFilter.AzureSdkSourcePrefix + "*");
        // Before the exporter, so that it skips the spans this unmarks.
        return spans == AzureSdkSpans.Failed ? tracing.AddProcessor(new FailedAzureSdkSpanFilter()) : tracing;
    }

    private static void Configure(AzureMonitorExporterOptions options, string connectionString, TokenCredential credential)
    {
        options.ConnectionString = connectionString;
        options.Credential = credential;
    }
}
