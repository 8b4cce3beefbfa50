namespace Serverless.IntegrationTests.Infra.Cost;

/// <summary>
/// Pay-as-you-go list prices in USD used by <see cref="FlexCostModel"/>, one region, as known on 2026-12-04; check
/// azure.microsoft.com/pricing/calculator for yours.
/// </summary>
public static class UnitPrices
{
    // Flex Consumption, on demand (azure.microsoft.com/pricing/details/functions; modal.com/blog/azure-function-pricing-guide
    // quotes the same). Billing rules: learn.microsoft.com/azure/azure-functions/flex-consumption-plan#billing.
    public const double PerGbSecond = 0.000026;
    public const double FreeGbSeconds = 100_000;
    public const double PerMillionExecutions = 0.40;
    public const double FreeExecutions = 250_000;

    /// <summary>"The minimum billable execution period for both execution modes is 1,000 ms" (flex-consumption-plan#billing).</summary>
    public const double MinimumBillableSeconds = 1.0;

    // Storage, general-purpose v2, LRS, hot (azure.microsoft.com/pricing/details/storage/).
    public const double PerTenThousandTableTransactions = 0.00036;
    public const double PerTenThousandBlobReads = 0.0044;
    public const double PerTenThousandBlobWrites = 0.055;
    public const double PerTenThousandQueueOperations = 0.004;
    public const double PerGbStoredMonth = 0.02;

    // Internet egress from the region, after the first 100 GB a month (azure.microsoft.com/pricing/details/bandwidth/).
    public const double PerGbEgress = 0.087;
    public const double FreeEgressGb = 100;

    // Front Door Standard (azure.microsoft.com/pricing/details/frontdoor/): base fee, requests and transfer to clients
    // in zone 1; transfer from an Azure origin to Front Door is not charged.
    public const double FrontDoorBasePerMonth = 35;
    public const double FrontDoorPerTenThousandRequests = 0.009;
    public const double FrontDoorPerGbToClients = 0.083;

    // Event Grid operations (azure.microsoft.com/pricing/details/event-grid/).
    public const double EventGridPerMillion = 0.60;
    public const double EventGridFreeOperations = 100_000;

    // Application Insights, workspace-based: Log Analytics analytics-logs ingestion, first 5 GB a month free
    // (azure.microsoft.com/pricing/details/monitor/).
    public const double PerGbTelemetry = 2.30;
    public const double FreeTelemetryGb = 5;
}
