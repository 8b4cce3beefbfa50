namespace Serverless.IntegrationTests.Infra.Cost;

/// <summary>A month of one scenario, item by item, with what the function instances were billed for.</summary>
public sealed record CostEstimate(CostScenario Scenario, double BilledInstanceSeconds, IReadOnlyList<CostLine> Lines)
{
    public double Total => Lines.Sum(line => line.Dollars);

    public CostLine this[string item] => Lines.Single(line => line.Item == item);
}
