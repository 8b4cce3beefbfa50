using Serverless.IntegrationTests.Infra.Cost;
using Serverless.LocalServer;

namespace Serverless.IntegrationTests.Infra;

/// <summary>
/// The monthly cost, computed from how Flex Consumption bills (1 s minimum per activity period, overlapping executions
/// sharing an instance's time) rather than from each view's milliseconds; infra/README.md shows this model's table.
/// </summary>
public sealed class FlexCostModelTests(ITestOutputHelper output)
{
    [Fact]
    public void At_low_traffic_each_view_bills_the_one_second_minimum()
    {
        var quiet = new CostScenario("quiet", ArticlesStored: 0, PublishesPerMonth: 0, ViewsPerMonth: 10_000, FrontDoor: false);

        var estimate = FlexCostModel.Estimate(quiet);

        // 10,000 views and 8,640 reconciliation passes, each alone on the instance, each billed one second.
        var separate = (10_000 + FlexCostModel.MonthSeconds / 300) * UnitPrices.MinimumBillableSeconds;
        Assert.InRange(estimate.BilledInstanceSeconds, 0.99 * separate, separate);
    }

    [Fact]
    public void Views_that_overlap_share_the_instances_billed_time()
    {
        var busy = new CostScenario("busy", ArticlesStored: 0, PublishesPerMonth: 0, ViewsPerMonth: 50_000_000, FrontDoor: false);

        var estimate = FlexCostModel.Estimate(busy);

        Assert.True(estimate.BilledInstanceSeconds <= FlexCostModel.MonthSeconds, "one instance bills at most the month");
        Assert.True(estimate.BilledInstanceSeconds < busy.ViewsPerMonth * UnitPrices.MinimumBillableSeconds / 10);
    }

    [Fact]
    public void A_million_views_bill_far_more_than_their_milliseconds()
    {
        var estimate = FlexCostModel.Estimate(CostTable.ReadmeScenarios[0]);

        var perViewMilliseconds = 1_000_000 * 0.020 * 2;
        Assert.True(estimate[FlexCostModel.ExecutionTime].Quantity > 10 * perViewMilliseconds);
    }

    /// <summary>
    /// At a million articles a pass scans its tables, 1,000 rows a request: every 5 minutes it runs back to back and
    /// keeps an instance busy, but its table reads cost under a dollar a month; daily, less instance time is billed.
    /// </summary>
    [Fact]
    public void Reconciling_a_million_articles_every_five_minutes_costs_instance_time_not_table_reads()
    {
        var everyFiveMinutes = FlexCostModel.Estimate(CostTable.ReadmeScenarios[3]);
        var daily = FlexCostModel.Estimate(CostTable.ReadmeScenarios[3] with { ReconcileIntervalSeconds = 86_400 });
        output.WriteLine($"every 5 minutes: {everyFiveMinutes.Total:N2}, daily: {daily.Total:N2} ({daily.BilledInstanceSeconds / 3600:N0} h billed)");

        Assert.InRange(everyFiveMinutes[FlexCostModel.TableTransactions].Dollars - daily[FlexCostModel.TableTransactions].Dollars, 0, 1);
        Assert.True(daily.BilledInstanceSeconds < everyFiveMinutes.BilledInstanceSeconds);
    }

    [Fact]
    public void Infra_readme_shows_the_models_table()
    {
        var table = CostTable.Render(CostTable.ReadmeScenarios.Select(FlexCostModel.Estimate).ToList());
        output.WriteLine(table);

        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "infra", "README.md")).ReplaceLineEndings("\n");

        Assert.Contains(table, readme, StringComparison.Ordinal);
    }
}
