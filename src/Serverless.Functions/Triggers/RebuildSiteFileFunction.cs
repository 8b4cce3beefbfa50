using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Configuration;
using Serverless.Core.Site;

namespace Serverless.Functions.Triggers;

/// <summary>The site-file stage: rebuilds one feed, sitemap file or tag page from the site-file queue (<c>SITE_QUEUE_NAME</c>).</summary>
public sealed class RebuildSiteFileFunction(SiteFileMessageHandler handler)
{
    /// <summary>
    /// A failure throws, so the host delivers the message again; after <c>maxDequeueCount</c> (host.json, 5) it moves it
    /// to the poison queue, where the failures report shows it; the file's next request rebuilds it.
    /// </summary>
    [Function(nameof(RebuildSiteFile))]
    public Task<SiteFileResult> RebuildSiteFile(
        [QueueTrigger("%" + BindingSettings.SiteQueue + "%", Connection = "AzureWebJobsStorage")] QueueMessage message,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(message.Body.ToString(), cancellationToken);
}
