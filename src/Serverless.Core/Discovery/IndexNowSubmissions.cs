using System.Net.Http.Json;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Configuration;
using Serverless.Core.Http;
using Serverless.Core.Storage;

namespace Serverless.Core.Discovery;

/// <summary>
/// IndexNow: renders record each article URL whose page changed (<see cref="RecordAsync"/>), and the site-file stage
/// submits every recorded URL once per window, 10,000 to a POST, then removes what it submitted. A crash between the
/// POST and the removal submits those URLs again: IndexNow takes a URL twice without harm.
/// </summary>
public sealed partial class IndexNowSubmissions(StorageClients storage, OutboundRequests client, IOptions<DiscoveryOptions> options, SiteOptions site,
    ILogger<IndexNowSubmissions> logger)
{
    private static readonly JsonSerializerOptions BodyJson = new(JsonSerializerDefaults.Web);

    private TableClient Table => storage.SiteFilesTable;

    /// <summary>The key's file, <c>{key}.txt</c>, at the site's root.</summary>
    public string KeyLocation => $"{site.BaseUrl}/{options.Value.IndexNowKey}.txt";

    /// <summary>Records that <paramref name="url"/> (the article <paramref name="slug"/>'s) changed: one upsert.</summary>
    public Task RecordAsync(string slug, string url, CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new IndexNowEntity { RowKey = TableKeys.ForSlug(slug), Url = url }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>Submits every recorded URL, a POST per 10,000, to the end; returns how many were submitted.</summary>
    public async Task<int> SubmitAsync(CancellationToken cancellationToken)
    {
        var key = options.Value.IndexNowKey;
        var submitted = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {IndexNowEntity.Partition}");
        var batch = new List<IndexNowEntity>(DiscoveryOptions.IndexNowBatch);
        await foreach (var row in Table.QueryAsync<IndexNowEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            batch.Add(row);
            if (batch.Count == DiscoveryOptions.IndexNowBatch)
            {
                submitted += await SubmitBatchAsync(key, batch, cancellationToken);
                batch.Clear();
            }
        }
        if (batch.Count > 0)
        {
            submitted += await SubmitBatchAsync(key, batch, cancellationToken);
        }
        return submitted;
    }

    private async Task<int> SubmitBatchAsync(string? key, List<IndexNowEntity> rows, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(key))
        {
            var body = new IndexNowBody(new Uri(site.BaseUrl).Host, key, KeyLocation, [.. rows.Select(row => row.Url)]);
            await client.PostAsync(new Uri(options.Value.IndexNowEndpoint), () => JsonContent.Create(body, options: BodyJson), cancellationToken);
            LogSubmitted(rows.Count);
        }
        // Without a key (IndexNow turned off since the URLs were recorded) they are dropped: nobody is to be told.
        // One changed again (or gone) meanwhile is left out: a changed one stays for the next submission.
        await TableTransactions.SubmitAsync(Table, rows.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag)),
            (_, failure) => failure.Status is 404 or 412, cancellationToken);
        return rows.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "IndexNow: {Count} URLs submitted")]
    private partial void LogSubmitted(int count);
}
