using Serverless.Core.ActivityPub;
using Serverless.Core.Storage;

namespace Serverless.LocalServer.Publishing;

/// <summary>Drives the ActivityPub deliveries locally in place of the Functions queue trigger: the delivery queue, through the same handler.</summary>
public sealed class DeliveryWorker(StorageClients storage, DeliveryMessageHandler handler, LocalServerSettings settings, ILogger<DeliveryWorker> logger)
    : QueueWorker(storage, storage.DeliveryQueue, storage.DeliveryPoisonQueue, settings, logger)
{
    protected override async Task<string?> HandleBodyAsync(string body, long dequeueCount, CancellationToken cancellationToken) =>
        await handler.HandleAsync(body, cancellationToken) is > 0 and var sent ? $"{sent} deliveries" : null;
}
