using System.Globalization;
using System.Text;

namespace Serverless.IntegrationTests.Infra.Cost;

/// <summary>The Markdown table infra/README.md shows: one row per item with its unit price, one column per scenario.</summary>
public static class CostTable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The scenarios infra/README.md prices: 1,000 articles and 1 M views, 1,000,000 articles and 50 M views, each with and without Front Door.</summary>
    public static IReadOnlyList<CostScenario> ReadmeScenarios { get; } =
    [
        new("1,000 articles, 1 M views", ArticlesStored: 1_000, PublishesPerMonth: 1_000, ViewsPerMonth: 1_000_000, FrontDoor: false),
        new("same, Front Door", ArticlesStored: 1_000, PublishesPerMonth: 1_000, ViewsPerMonth: 1_000_000, FrontDoor: true) { CacheMissShare = 1 },
        new("1,000,000 articles, 50 M views", ArticlesStored: 1_000_000, PublishesPerMonth: 30_000, ViewsPerMonth: 50_000_000, FrontDoor: false) { CacheMissShare = 0.9 },
        new("same, Front Door", ArticlesStored: 1_000_000, PublishesPerMonth: 30_000, ViewsPerMonth: 50_000_000, FrontDoor: true) { CacheMissShare = 1 },
    ];

    private static readonly Dictionary<string, string> Prices = new()
    {
        [FlexCostModel.Executions] = "$0.40 / million, 250,000 free",
        [FlexCostModel.ExecutionTime] = "$0.000026 / GB-s, 100,000 GB-s free",
        [FlexCostModel.TableTransactions] = "$0.00036 / 10,000",
        [FlexCostModel.BlobReads] = "$0.0044 / 10,000",
        [FlexCostModel.BlobWrites] = "$0.055 / 10,000 (listings too)",
        [FlexCostModel.QueueOperations] = "$0.004 / 10,000",
        [FlexCostModel.StoredData] = "$0.02 / GB",
        [FlexCostModel.EventGrid] = "$0.60 / million, 100,000 free",
        [FlexCostModel.Egress] = "$0.087 / GB, 100 GB free",
        [FlexCostModel.FrontDoorBase] = "$35 / month",
        [FlexCostModel.FrontDoorRequests] = "$0.009 / 10,000",
        [FlexCostModel.FrontDoorTransfer] = "$0.083 / GB",
        [FlexCostModel.Telemetry] = "$2.30 / GB, 5 GB free",
    };

    public static string Render(IReadOnlyList<CostEstimate> estimates)
    {
        var table = new StringBuilder();
        table.Append("| Item | Unit price |").AppendJoin("", estimates.Select(estimate => $" {estimate.Scenario.Name} |")).Append('\n');
        table.Append("|---|---|").AppendJoin("", estimates.Select(_ => "---:|")).Append('\n');
        table.Append("| Billed instance time | 1 s minimum per activity period |")
            .AppendJoin("", estimates.Select(estimate => $" {Quantity(estimate.BilledInstanceSeconds / 3600)} h ({Percent(estimate.BilledInstanceSeconds / FlexCostModel.MonthSeconds)} of the month) |")).Append('\n');
        foreach (var item in estimates[0].Lines.Select(line => line.Item))
        {
            table.Append(Invariant, $"| {item} | {Prices[item]} |").AppendJoin("", estimates.Select(estimate => $" {Cell(estimate[item])} |")).Append('\n');
        }
        table.Append("| **Total, USD a month** | |").AppendJoin("", estimates.Select(estimate => $" **${estimate.Total.ToString("N2", Invariant)}** |")).Append('\n');
        return table.ToString();
    }

    private static string Cell(CostLine line) =>
        line.Quantity == 0 ? "—" : $"{Quantity(line.Quantity)} {line.Unit} → ${line.Dollars.ToString("N2", Invariant)}";

    private static string Percent(double share) => (share * 100).ToString(share < 0.1 ? "0.0" : "0", Invariant) + " %";

    private static string Quantity(double value) => value switch
    {
        >= 1e9 => (value / 1e9).ToString("0.##", Invariant) + " billion",
        >= 1e6 => (value / 1e6).ToString("0.##", Invariant) + " M",
        >= 100 => value.ToString("N0", Invariant),
        _ => value.ToString("0.##", Invariant),
    };
}
