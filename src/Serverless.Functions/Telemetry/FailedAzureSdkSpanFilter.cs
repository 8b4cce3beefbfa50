using System.Diagnostics;
using OpenTelemetry;

namespace Serverless.Functions.Telemetry;

/// <summary>
/// Keeps the Azure SDK spans of failed requests and unmarks the others before the exporter sees them (an export
/// processor skips activities that are not recorded). Registered before the exporter.
/// </summary>
public sealed class FailedAzureSdkSpanFilter : BaseProcessor<Activity>
{
    public const string AzureSdkSourcePrefix = "Azure.";

    public override void OnEnd(Activity data)
    {
        if (data.Source.Name.StartsWith(AzureSdkSourcePrefix, StringComparison.Ordinal) && data.Status != ActivityStatusCode.Error)
        {
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
