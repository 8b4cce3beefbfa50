using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.ActivityPub;
using Serverless.Core.Configuration;

namespace Serverless.Functions.Triggers;

/// <summary>ActivityPub deliveries: one fan-out or one signed POST to an inbox from the delivery queue (<c>DELIVERY_QUEUE_NAME</c>).</summary>
public sealed class DeliverActivityFunction(DeliveryMessageHandler handler)
{
    /// <summary>A failed delivery is put back with backoff, or recorded, by the handler itself; what throws (storage) is delivered again by the host.</summary>
    [Function(nameof(DeliverActivity))]
    public Task<int> DeliverActivity(
        [QueueTrigger("%" + BindingSettings.DeliveryQueue + "%", Connection = "AzureWebJobsStorage")] QueueMessage message,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(message.Body.ToString(), cancellationToken);
}
