namespace Serverless.IntegrationTests.Infra.Cost;

/// <summary>
/// A month of one site: what it stores, publishes and serves, and how it is deployed. Defaults are the assumptions
/// infra/README.md states; measured figures name their test.
/// </summary>
public sealed record CostScenario(string Name, int ArticlesStored, int PublishesPerMonth, long ViewsPerMonth, bool FrontDoor)
{
    /// <summary>Instance memory (main.bicep instanceMemoryMB).</summary>
    public int InstanceMemoryMb { get; init; } = 2048;

    /// <summary>HTTP executions one instance takes at once before Flex adds another (the plan's default for HTTP).</summary>
    public int PerInstanceConcurrency { get; init; } = 16;

    /// <summary>Execution time of a view the app serves (~20 ms from its instance cache or two storage reads).</summary>
    public double ViewSeconds { get; init; } = 0.020;

    /// <summary>Share of views Front Door passes to the app (60 s max-age; misses and expiries).</summary>
    public double FrontDoorPassShare { get; init; } = 0.05;

    /// <summary>Share of the views reaching the app that miss its 1-second cache and read storage (a table query and a blob).</summary>
    public double CacheMissShare { get; init; } = 0.5;

    /// <summary>Executions per publish: the blob trigger and ~10 queue messages (docs/capacity.md).</summary>
    public int ExecutionsPerPublish { get; init; } = 11;

    /// <summary>How long an instance is busy with one publish: ingest, its renders and the site-file window (3 s).</summary>
    public double PublishBusySeconds { get; init; } = 5;

    /// <summary>ReconcileSchedule: a pass every 5 minutes.</summary>
    public double ReconcileIntervalSeconds { get; init; } = 300;

    /// <summary>
    /// Table rows a reconciliation pass reads per stored article: the sources table twice (compared with the listing,
    /// then checked for deletions) and the article's record and outputs rows. No row is read by key.
    /// </summary>
    public int ReconcileRowsPerArticle { get; init; } = 4;

    /// <summary>Rows a pass's sequential scans return per second: pages of 1,000 rows, ~200 ms each.</summary>
    public double ReconcileRowsPerSecond { get; init; } = 5_000;

    /// <summary>
    /// How long an instance stays after its last execution (not documented; check the app's instance count metric).
    /// While it stays, the host polls the four trigger queues every 2 s (host.json maxPollingInterval).
    /// </summary>
    public double IdleSecondsBeforeScaleIn { get; init; } = 60;

    /// <summary>Bytes a page view sends (compressed HTML).</summary>
    public double BytesPerView { get; init; } = 30_000;

    /// <summary>Storage per article: source, bodies, page and share card (docs/capacity.md: ~60 GB at 1,000,000).</summary>
    public double BytesStoredPerArticle { get; init; } = 60_000;

    /// <summary>Host telemetry per execution (its request span), which no sampler of the worker reduces.</summary>
    public double HostTelemetryBytesPerExecution { get; init; } = 1_000;

    /// <summary>Worker telemetry per execution (its span and logs) before sampling.</summary>
    public double WorkerTelemetryBytesPerExecution { get; init; } = 2_000;

    /// <summary>Telemetry:SamplingRatio.</summary>
    public double SamplingRatio { get; init; } = 0.1;
}
