using System.ComponentModel.DataAnnotations;

namespace Serverless.Functions.Telemetry;

/// <summary>How much of the worker's telemetry reaches Application Insights, bound from the <c>Telemetry</c> section.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// Share of traces exported (by trace ID, so a trace is kept or dropped whole, with the logs written inside it). With
    /// <c>telemetryMode: OpenTelemetry</c> the host ignores host.json's samplingSettings; this is where sampling happens.
    /// </summary>
    [Range(0.0, 1.0)]
    public float SamplingRatio { get; set; } = 0.1f;

    /// <summary>Which Azure SDK client spans (one per storage request) are exported.</summary>
    public AzureSdkSpans AzureSdkSpans { get; set; } = AzureSdkSpans.Failed;
}
