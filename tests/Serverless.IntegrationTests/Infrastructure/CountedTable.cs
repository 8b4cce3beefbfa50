using Azure.Core;
using Azure.Data.Tables;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>A new table in the run's Azurite, and the counter of the requests its client sends (from after its creation).</summary>
public sealed record CountedTable(TableClient Table, RequestCounter Counter)
{
    public static async Task<CountedTable> CreateAsync(AzuriteFixture azurite, string prefix)
    {
        var counter = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter, HttpPipelinePosition.PerCall);
        var table = new TableClient(azurite.ConnectionString, prefix + Guid.NewGuid().ToString("N")[..12], options);
        await table.CreateAsync(TestContext.Current.CancellationToken);
        counter.Reset();
        return new CountedTable(table, counter);
    }
}
