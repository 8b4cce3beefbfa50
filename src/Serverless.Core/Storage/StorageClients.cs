using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Options;
using Serverless.Core.Configuration;

namespace Serverless.Core.Storage;

/// <summary>The containers, tables and queues of one deployment, created on first use.</summary>
public sealed class StorageClients(BlobServiceClient blobs, TableServiceClient tables, QueueServiceClient queues, IOptions<StorageOptions> options,
    IAzureClientFactory<BlobServiceClient> namedBlobClients)
{
    /// <summary>The blob client that sends each request once (see <see cref="ArticlesProbe"/>).</summary>
    public const string ProbeClientName = "probe";

    private readonly StorageOptions _names = options.Value;
    private Task? _creation;

    public BlobContainerClient Articles { get; } = blobs.GetBlobContainerClient(options.Value.ArticlesContainer);
    /// <summary>
    /// The articles container without retries: narrowing down a listing that storage answers with an error takes many
    /// requests that fail by design, and each would otherwise be retried for seconds.
    /// </summary>
    public BlobContainerClient ArticlesProbe { get; } = namedBlobClients.CreateClient(ProbeClientName).GetBlobContainerClient(options.Value.ArticlesContainer);
    public BlobContainerClient Pages { get; } = blobs.GetBlobContainerClient(options.Value.PagesContainer);
    public BlobContainerClient Bodies { get; } = blobs.GetBlobContainerClient(options.Value.BodiesContainer);
    public BlobContainerClient Media { get; } = blobs.GetBlobContainerClient(options.Value.MediaContainer);
    public BlobContainerClient Cards { get; } = blobs.GetBlobContainerClient(options.Value.CardsContainer);
    public BlobContainerClient Site { get; } = blobs.GetBlobContainerClient(options.Value.SiteContainer);
    public TableClient ArticlesTable { get; } = tables.GetTableClient(options.Value.ArticlesTable);
    public TableClient ListingTable { get; } = tables.GetTableClient(options.Value.ArticlesByDateTable);
    public TableClient TagListingTable { get; } = tables.GetTableClient(options.Value.ArticlesByTagTable);
    public TableClient SourcesTable { get; } = tables.GetTableClient(options.Value.SourcesTable);
    public TableClient TitlesTable { get; } = tables.GetTableClient(options.Value.TitlesTable);
    public TableClient CitationsTable { get; } = tables.GetTableClient(options.Value.CitationsTable);
    public TableClient KeywordsTable { get; } = tables.GetTableClient(options.Value.KeywordsTable);
    public TableClient MediaTable { get; } = tables.GetTableClient(options.Value.MediaTable);
    public QueueClient RenderQueue { get; } = queues.GetQueueClient(options.Value.RenderQueue);
    public QueueClient RenderPoisonQueue { get; } = queues.GetQueueClient(options.Value.RenderPoisonQueue);
    public QueueClient SiteQueue { get; } = queues.GetQueueClient(options.Value.SiteQueue);
    public QueueClient SitePoisonQueue { get; } = queues.GetQueueClient(options.Value.SitePoisonQueue);
    public QueueClient ReleaseQueue { get; } = queues.GetQueueClient(options.Value.ReleaseQueue);
    public QueueClient ReleasePoisonQueue { get; } = queues.GetQueueClient(options.Value.ReleasePoisonQueue);
    public TableClient SiteFilesTable { get; } = tables.GetTableClient(options.Value.SiteFilesTable);
    public QueueClient JobQueue { get; } = queues.GetQueueClient(options.Value.JobQueue);
    public QueueClient JobPoisonQueue { get; } = queues.GetQueueClient(options.Value.JobPoisonQueue);
    public TableClient JobsTable { get; } = tables.GetTableClient(options.Value.JobsTable);
    public QueueClient DeliveryQueue { get; } = queues.GetQueueClient(options.Value.DeliveryQueue);
    public QueueClient DeliveryPoisonQueue { get; } = queues.GetQueueClient(options.Value.DeliveryPoisonQueue);
    public TableClient FollowersTable { get; } = tables.GetTableClient(options.Value.FollowersTable);
    public TableClient ReactionsTable { get; } = tables.GetTableClient(options.Value.ReactionsTable);

    /// <summary>The host's, never created here: its absence means no blob has failed.</summary>
    public QueueClient BlobTriggerPoisonQueue { get; } = queues.GetQueueClient(options.Value.BlobTriggerPoisonQueue);

    /// <summary>Creates whatever is missing, once per process (again after a failure); cheap to call before every operation.</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var creation = _creation;
        if (creation is { IsCompletedSuccessfully: true })
        {
            return Task.CompletedTask;
        }
        if (creation is null || creation.IsFaulted || creation.IsCanceled)
        {
            // Shared by concurrent callers, so it runs without any one caller's token; creating twice is harmless.
            creation = _creation = CreateAllAsync();
        }
        return creation.WaitAsync(cancellationToken);
    }

    private Task CreateAllAsync() => Task.WhenAll(
        Articles.CreateIfNotExistsAsync(),
        Pages.CreateIfNotExistsAsync(),
        Bodies.CreateIfNotExistsAsync(),
        Media.CreateIfNotExistsAsync(),
        Cards.CreateIfNotExistsAsync(),
        Site.CreateIfNotExistsAsync(),
        ArticlesTable.CreateIfNotExistsAsync(),
        ListingTable.CreateIfNotExistsAsync(),
        TagListingTable.CreateIfNotExistsAsync(),
        SourcesTable.CreateIfNotExistsAsync(),
        TitlesTable.CreateIfNotExistsAsync(),
        CitationsTable.CreateIfNotExistsAsync(),
        KeywordsTable.CreateIfNotExistsAsync(),
        MediaTable.CreateIfNotExistsAsync(),
        SiteFilesTable.CreateIfNotExistsAsync(),
        RenderQueue.CreateIfNotExistsAsync(),
        RenderPoisonQueue.CreateIfNotExistsAsync(),
        SiteQueue.CreateIfNotExistsAsync(),
        SitePoisonQueue.CreateIfNotExistsAsync(),
        ReleaseQueue.CreateIfNotExistsAsync(),
        ReleasePoisonQueue.CreateIfNotExistsAsync(),
        JobQueue.CreateIfNotExistsAsync(),
        JobPoisonQueue.CreateIfNotExistsAsync(),
        JobsTable.CreateIfNotExistsAsync(),
        DeliveryQueue.CreateIfNotExistsAsync(),
        DeliveryPoisonQueue.CreateIfNotExistsAsync(),
        FollowersTable.CreateIfNotExistsAsync(),
        ReactionsTable.CreateIfNotExistsAsync());

    public override string ToString() => $"{_names.ArticlesContainer} → {_names.PagesContainer}";
}

/// <summary>Small helpers for "not found is an answer, not an error".</summary>
internal static class StorageExtensions
{
    public static async Task<T?> GetOrNullAsync<T>(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        var response = await table.GetEntityIfExistsAsync<T>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    public static bool IsStatus(this RequestFailedException exception, int status) => exception.Status == status;

    /// <summary>
    /// One page of a query, in one request: the first, or the one <paramref name="continuationToken"/> (the SDK's, from
    /// a page before) points at. A page may hold fewer than <paramref name="size"/> rows, none even, and still not be the
    /// last: storage stops a scan at partition boundaries and after a few seconds.
    /// </summary>
    public static async Task<TablePage<T>> QueryPageAsync<T>(this TableClient table, string filter, int size, string? continuationToken,
        IEnumerable<string>? select, CancellationToken cancellationToken)
        where T : class, ITableEntity
    {
        await foreach (var page in table.QueryAsync<T>(filter, size, select, cancellationToken).AsPages(continuationToken, size))
        {
            return new TablePage<T>(page.Values, page.ContinuationToken);
        }
        return new TablePage<T>([], null);
    }

    /// <summary>The Table service allows 15 comparisons per filter: the partition plus 14 row keys.</summary>
    public const int RowKeysPerQuery = 14;

    /// <summary>
    /// The rows of one partition that have these row keys, however many keys: one query per <see cref="RowKeysPerQuery"/>,
    /// 16 at a time, each read to its end.
    /// </summary>
    public static async Task<IReadOnlyList<T>> QueryRowsAsync<T>(this TableClient table, string partitionKey, IEnumerable<string> rowKeys, CancellationToken cancellationToken)
        where T : class, ITableEntity, new()
    {
        var rows = new List<T>();
        await Parallel.ForEachAsync(rowKeys.Distinct(StringComparer.Ordinal).Chunk(RowKeysPerQuery),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (chunk, token) =>
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}") + " and ("
                    + string.Join(" or ", chunk.Select(rowKey => TableClient.CreateQueryFilter($"RowKey eq {rowKey}"))) + ")";
                var found = new List<T>();
                await foreach (var row in table.QueryAsync<T>(filter, maxPerPage: RowKeysPerQuery, cancellationToken: token))
                {
                    found.Add(row);
                }
                lock (rows)
                {
                    rows.AddRange(found);
                }
            });
        return rows;
    }
}
