using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Configuration;
using Serverless.Core.Ingest;
using Serverless.Core.Render;

namespace Serverless.Functions.Triggers;

/// <summary>Stage 2: renders one slug's outputs from the render queue (<c>RENDER_QUEUE_NAME</c>, bound to <c>Storage:RenderQueue</c>).</summary>
public sealed class RenderArticleFunction(RenderMessageHandler handler)
{
    /// <summary>
    /// A failure throws, so the host delivers the message again; after <c>maxDequeueCount</c> (host.json, 5) it moves it
    /// to the poison queue, and the handler has recorded the reason on the article on that last delivery.
    /// </summary>
    [Function(nameof(RenderArticle))]
    public Task<RenderResult?> RenderArticle(
        [QueueTrigger("%" + BindingSettings.RenderQueue + "%", Connection = "AzureWebJobsStorage")] QueueMessage message,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(message.Body.ToString(), message.DequeueCount, cancellationToken);
}
