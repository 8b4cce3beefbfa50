using Azure.Data.Tables;
using Serverless.Core.Storage;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// Writes rows of the site's newest-first listing as stage 2 leaves them, much faster: each row in its month's
/// partition, each month in the index of months, in batches of 100 per partition.
/// </summary>
public static class ListingSeeder
{
    public static async Task SeedAsync(StorageClients storage, IEnumerable<ListingEntity> rows, CancellationToken cancellationToken)
    {
        var listed = rows.ToList();
        var months = listed.Select(row => ListingMonth.Of(TableKeys.PublishedOfListingRow(row.RowKey))).Distinct().SelectMany(ListingMonthEntity.For);
        await WriteAsync(storage.ListingTable, listed.Concat<ITableEntity>(months), cancellationToken);
    }

    /// <summary>
    /// Rows of <paramref name="count"/> articles published at even intervals through <paramref name="month"/>
    /// (<c>yyyy-MM</c>), slugs <c>article-yyyy-MM-nnn</c>, in the month's partition.
    /// </summary>
    public static IEnumerable<ListingEntity> Spread(string month, int count)
    {
        var listed = ListingMonth.Parse(month);
        var step = (listed.End - listed.Start) / (count + 1);
        return Enumerable.Range(1, count).Select(number =>
        {
            var published = listed.Start + step * number;
            var slug = $"article-{month}-{number:D3}";
            var rowKey = TableKeys.ListingRow(published, slug);
            return new ListingEntity
            {
                PartitionKey = TableKeys.ListingPartitionOfRow(rowKey),
                RowKey = rowKey,
                Slug = slug,
                Title = $"Article {number} of {month}",
                Description = "A story.",
                Language = "en",
                Published = published,
                Modified = published,
            };
        });
    }

    /// <summary>Upserts <paramref name="entities"/> in batches of 100 per partition.</summary>
    public static async Task WriteAsync(TableClient table, IEnumerable<ITableEntity> entities, CancellationToken cancellationToken)
    {
        await table.CreateIfNotExistsAsync(cancellationToken);
        var batches = entities.GroupBy(entity => entity.PartitionKey, StringComparer.Ordinal).SelectMany(partition => partition.Chunk(100));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, token) =>
            await table.SubmitTransactionAsync(batch.Select(entity => new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity)), token));
    }
}
