namespace Serverless.IntegrationTests.Infra.Cost;

/// <summary>One item of a month's bill: what is counted, how much of it, and what it costs after the free grant.</summary>
public sealed record CostLine(string Item, double Quantity, string Unit, double Dollars);
