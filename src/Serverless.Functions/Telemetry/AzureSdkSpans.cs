namespace Serverless.Functions.Telemetry;

/// <summary>Which Azure SDK client spans the worker exports.</summary>
public enum AzureSdkSpans
{
    /// <summary>None: storage calls show only through the logs and metrics.</summary>
    None,

    /// <summary>Only the storage requests that failed: what an operator looks for, at a fraction of the volume.</summary>
    Failed,

    /// <summary>Every storage request: a page view costs several spans. For diagnosing, not for a month of traffic.</summary>
    All,
}
