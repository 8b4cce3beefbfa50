using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Configuration;
using Serverless.Core.Ingest;

namespace Serverless.Functions.Triggers;

/// <summary>Stage 1 when an article is uploaded. Event Grid source: the only blob trigger the Flex Consumption plan supports.</summary>
public sealed class PublishArticleFunction(ArticleIngester ingester)
{
    /// <summary>
    /// Author mistakes end as a Failed status, not an exception; only storage errors throw, so the host retries them.
    /// Delivery is at least once: the ingester recognises content it already processed and writes nothing. The
    /// container comes from the setting the core reads too (<c>ARTICLES_CONTAINER_NAME</c>, bound to <c>Storage:ArticlesContainer</c>).
    /// </summary>
    [Function(nameof(PublishArticle))]
    public Task<PublishResult> PublishArticle(
        [BlobTrigger("%" + BindingSettings.ArticlesContainer + "%/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        CancellationToken cancellationToken) =>
        ingester.IngestAsync(blob.Name, cancellationToken);
}
