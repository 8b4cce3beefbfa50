namespace Serverless.IntegrationTests.Infra.Cost;

/// <summary>
/// A month's bill computed from how Flex Consumption bills on demand (learn.microsoft.com/azure/azure-functions/
/// flex-consumption-plan#billing): an instance's memory for the time it is actively executing, each activity period
/// billed at least 1,000 ms, executions that overlap on one instance sharing that time. Not per view milliseconds:
/// at low traffic a 20 ms view bills a whole second; under load views share the instance's seconds.
/// </summary>
/// <remarks>
/// Arrivals are spread evenly over the month (Poisson): an instance whose activities start at rate λ, each keeping it
/// billed for w seconds, is billed a share 1 − e^(−λw) of the time (the union of the windows); reconciliation passes
/// come every interval, each billed for its length, at most all the time. Storage requests per publish are those of
/// docs/capacity.md (~200); per view, a table query and a blob read when the instance's cache misses.
/// </remarks>
public static class FlexCostModel
{
    public const double MonthSeconds = 30 * 86_400;

    /// <summary>The four queues with a trigger (renders, sitefiles, releases, jobs), each polled every 2 s at worst.</summary>
    private const double QueuePollsPerAliveSecond = 4 / 2.0;

    public const string Executions = "Function executions";
    public const string ExecutionTime = "Function execution time";
    public const string TableTransactions = "Table transactions";
    public const string BlobReads = "Blob reads";
    public const string BlobWrites = "Blob writes";
    public const string QueueOperations = "Queue operations";
    public const string StoredData = "Storage capacity";
    public const string EventGrid = "Event Grid operations";
    public const string Egress = "Outbound data from the app";
    public const string FrontDoorBase = "Front Door base fee";
    public const string FrontDoorRequests = "Front Door requests";
    public const string FrontDoorTransfer = "Front Door transfer to clients";
    public const string Telemetry = "Application Insights ingestion";

    public static CostEstimate Estimate(CostScenario s)
    {
        var appViews = s.ViewsPerMonth * (s.FrontDoor ? s.FrontDoorPassShare : 1.0);
        var viewRate = appViews / MonthSeconds;
        var instances = Math.Max(1, (int)Math.Ceiling(viewRate * s.ViewSeconds / s.PerInstanceConcurrency));
        var publishRate = s.PublishesPerMonth / MonthSeconds;

        // Reconciliation: table scans, 1,000 rows a request; a pass longer than the interval runs back to back.
        var passRows = (double)s.ArticlesStored * s.ReconcileRowsPerArticle;
        var passSeconds = Math.Max(UnitPrices.MinimumBillableSeconds, passRows / s.ReconcileRowsPerSecond);
        var passes = MonthSeconds / Math.Max(s.ReconcileIntervalSeconds, passSeconds);

        var billedShare = BusyShare(instances, viewRate, publishRate, passes, passSeconds, s, tail: 0);
        var billedSeconds = billedShare * instances * MonthSeconds;
        var gbSeconds = billedSeconds * s.InstanceMemoryMb / 1024.0;
        var aliveSeconds = BusyShare(instances, viewRate, publishRate, passes, passSeconds, s, s.IdleSecondsBeforeScaleIn) * instances * MonthSeconds;

        var executions = appViews + (double)s.PublishesPerMonth * s.ExecutionsPerPublish + passes;
        var storageMisses = appViews * s.CacheMissShare;
        var tableTransactions = storageMisses + s.PublishesPerMonth * 150.0 + passes * Math.Ceiling(passRows / 1_000.0);
        var blobReads = storageMisses + s.PublishesPerMonth * 10.0;
        // Writes include the reconciliation's listings (one per 1,000 blobs), billed as write operations.
        var blobWrites = s.PublishesPerMonth * 5.0 + passes * Math.Ceiling(s.ArticlesStored / 1_000.0);
        var queueOperations = s.PublishesPerMonth * 30.0 + aliveSeconds * QueuePollsPerAliveSecond;
        var storedGb = s.ArticlesStored * s.BytesStoredPerArticle / 1e9;
        var viewGb = s.ViewsPerMonth * s.BytesPerView / 1e9;
        var telemetryGb = executions * (s.HostTelemetryBytesPerExecution + s.WorkerTelemetryBytesPerExecution * s.SamplingRatio) / 1e9;

        List<CostLine> lines =
        [
            new(Executions, executions, "executions", Math.Max(0, executions - UnitPrices.FreeExecutions) / 1e6 * UnitPrices.PerMillionExecutions),
            new(ExecutionTime, gbSeconds, "GB-s", Math.Max(0, gbSeconds - UnitPrices.FreeGbSeconds) * UnitPrices.PerGbSecond),
            new(TableTransactions, tableTransactions, "transactions", tableTransactions / 1e4 * UnitPrices.PerTenThousandTableTransactions),
            new(BlobReads, blobReads, "reads", blobReads / 1e4 * UnitPrices.PerTenThousandBlobReads),
            new(BlobWrites, blobWrites, "writes and listings", blobWrites / 1e4 * UnitPrices.PerTenThousandBlobWrites),
            new(QueueOperations, queueOperations, "operations", queueOperations / 1e4 * UnitPrices.PerTenThousandQueueOperations),
            new(StoredData, storedGb, "GB", storedGb * UnitPrices.PerGbStoredMonth),
            new(EventGrid, s.PublishesPerMonth, "operations", Math.Max(0, s.PublishesPerMonth - UnitPrices.EventGridFreeOperations) / 1e6 * UnitPrices.EventGridPerMillion),
            new(Egress, s.FrontDoor ? 0 : viewGb, "GB", s.FrontDoor ? 0 : Math.Max(0, viewGb - UnitPrices.FreeEgressGb) * UnitPrices.PerGbEgress),
            new(FrontDoorBase, s.FrontDoor ? 1 : 0, "month", s.FrontDoor ? UnitPrices.FrontDoorBasePerMonth : 0),
            new(FrontDoorRequests, s.FrontDoor ? s.ViewsPerMonth : 0, "requests", s.FrontDoor ? s.ViewsPerMonth / 1e4 * UnitPrices.FrontDoorPerTenThousandRequests : 0),
            new(FrontDoorTransfer, s.FrontDoor ? viewGb : 0, "GB", s.FrontDoor ? viewGb * UnitPrices.FrontDoorPerGbToClients : 0),
            new(Telemetry, telemetryGb, "GB", Math.Max(0, telemetryGb - UnitPrices.FreeTelemetryGb) * UnitPrices.PerGbTelemetry),
        ];
        return new CostEstimate(s, billedSeconds, lines);
    }

    /// <summary>
    /// Share of the month each instance is busy (tail 0: billed) or alive (tail: the idle time before scale-in). Views and
    /// publishes spread over the instances; reconciliation keeps one of them busy for its passes.
    /// </summary>
    private static double BusyShare(int instances, double viewRate, double publishRate, double passes, double passSeconds, CostScenario s, double tail)
    {
        var viewWindow = Math.Max(UnitPrices.MinimumBillableSeconds, s.ViewSeconds) + tail;
        var publishWindow = s.PublishBusySeconds + tail;
        var idle = Math.Exp(-(viewRate * viewWindow + publishRate * publishWindow) / instances);
        var reconciling = Math.Min(1, passes * (passSeconds + tail) / MonthSeconds);
        // One instance also reconciles; the others serve only their share of views and publishes.
        return ((instances - 1) * (1 - idle) + (1 - (1 - reconciling) * idle)) / instances;
    }
}
