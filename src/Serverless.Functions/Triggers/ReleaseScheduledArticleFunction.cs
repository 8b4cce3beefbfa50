using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Configuration;
using Serverless.Core.Ingest;

namespace Serverless.Functions.Triggers;

/// <summary>Embargoes: publishes an article at its date, from the release queue (<c>RELEASE_QUEUE_NAME</c>).</summary>
public sealed class ReleaseScheduledArticleFunction(ReleaseMessageHandler handler)
{
    /// <summary>The message becomes visible at the article's date; a failure throws, and the host delivers it again.</summary>
    [Function(nameof(ReleaseScheduledArticle))]
    public Task<PublishResult?> ReleaseScheduledArticle(
        [QueueTrigger("%" + BindingSettings.ReleaseQueue + "%", Connection = "AzureWebJobsStorage")] QueueMessage message,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(message.Body.ToString(), cancellationToken);
}
