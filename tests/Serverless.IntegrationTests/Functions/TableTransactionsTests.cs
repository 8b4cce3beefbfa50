using Azure;
using Azure.Data.Tables;
using Serverless.Core.Storage;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>
/// Deleting rows read earlier, each only in the version read, while other writers change some of them: the rows changed
/// since are left (the next pass takes them), the others go, in a request per changed row and one more, not one per row.
/// </summary>
public sealed class TableTransactionsTests(AzuriteFixture azurite)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_transaction_with_rows_changed_since_they_were_read_deletes_the_others_and_leaves_those()
    {
        var (table, counter) = await CountedTable.CreateAsync(azurite, "transactions");
        var rows = await SeedAsync(table, 150);
        // Two rows rewritten after they were read (one in each transaction of 100), one deleted by another writer.
        await table.UpsertEntityAsync(new TableEntity("p", rows[10].RowKey) { ["Value"] = "changed" }, TableUpdateMode.Replace, Cancellation);
        await table.UpsertEntityAsync(new TableEntity("p", rows[120].RowKey) { ["Value"] = "changed" }, TableUpdateMode.Replace, Cancellation);
        await table.DeleteEntityAsync("p", rows[130].RowKey, ETag.All, Cancellation);
        counter.Reset();

        var leftOut = await TableTransactions.SubmitAsync(table, rows.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag)),
            (_, failure) => failure.Status is 404 or 412, Cancellation);
        var requests = counter.Total;

        Assert.Equal([rows[10].RowKey, rows[120].RowKey, rows[130].RowKey], leftOut.Select(action => action.Entity.RowKey).Order(StringComparer.Ordinal));
        var remaining = await table.QueryAsync<TableEntity>(cancellationToken: Cancellation).Select(row => row.RowKey).ToListAsync(Cancellation);
        Assert.Equal([rows[10].RowKey, rows[120].RowKey], remaining.Order(StringComparer.Ordinal));
        // The first 100: one failed transaction, then the 99 others; the last 50: two failed, then the 48 others.
        Assert.Equal(5, requests);
    }

    [Fact]
    public async Task A_failure_it_was_not_told_to_leave_out_is_thrown_once_the_others_are_written()
    {
        var (table, _) = await CountedTable.CreateAsync(azurite, "transactions");
        var rows = await SeedAsync(table, 3);
        await table.UpsertEntityAsync(new TableEntity("p", rows[1].RowKey) { ["Value"] = "changed" }, TableUpdateMode.Replace, Cancellation);

        await Assert.ThrowsAsync<TableTransactionFailedException>(() => TableTransactions.SubmitAsync(table,
            rows.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag)), TableTransactions.DeletedAlready, Cancellation));
        Assert.Equal([rows[1].RowKey], await table.QueryAsync<TableEntity>(cancellationToken: Cancellation).Select(row => row.RowKey).ToListAsync(Cancellation));
    }

    private static async Task<IReadOnlyList<TableEntity>> SeedAsync(TableClient table, int count)
    {
        var rows = Enumerable.Range(0, count).Select(index => new TableEntity("p", index.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)) { ["Value"] = "first" }).ToList();
        foreach (var chunk in rows.Chunk(TableTransactions.MaxActions))
        {
            await table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)), Cancellation);
        }
        return [.. await table.QueryAsync<TableEntity>(cancellationToken: Cancellation).ToListAsync(Cancellation)];
    }
}
