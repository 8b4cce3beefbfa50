using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Publishing;

namespace Serverless.Functions.Triggers;

/// <summary>Renders an article when it is uploaded. Event Grid source: the only blob trigger the Flex Consumption plan supports.</summary>
public sealed class PublishArticleFunction(ArticlePublisher publisher)
{
    /// <summary>
    /// Author mistakes end as a Failed status, not an exception; only storage errors throw, so the host retries them.
    /// Delivery is at least once: the publisher recognises content it already processed and writes nothing.
    /// </summary>
    [Function(nameof(PublishArticle))]
    public Task<PublishResult> PublishArticle(
        [BlobTrigger("articles/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        CancellationToken cancellationToken) =>
        publisher.PublishAsync(blob.Name, cancellationToken);
}
