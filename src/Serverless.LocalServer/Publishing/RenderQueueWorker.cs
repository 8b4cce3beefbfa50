using Serverless.Core.Ingest;
using Serverless.Core.Render;
using Serverless.Core.Storage;

namespace Serverless.LocalServer.Publishing;

/// <summary>Drives stage 2 locally in place of the Functions queue trigger: the render queue, through the same handler.</summary>
public sealed class RenderQueueWorker : QueueWorker
{
    private readonly RenderQueueClient _queue;
    private readonly RenderMessageHandler _handler;

    public RenderQueueWorker(StorageClients storage, RenderQueueClient queue, RenderMessageHandler handler, LocalServerSettings settings, ILogger<RenderQueueWorker> logger)
        : base(storage, storage.RenderQueue, storage.RenderPoisonQueue, settings, logger)
    {
        _queue = queue;
        _handler = handler;
        _queue.Sent += Wake;
    }

    protected override async Task<string?> HandleBodyAsync(string body, long dequeueCount, CancellationToken cancellationToken) =>
        await _handler.HandleAsync(body, dequeueCount, cancellationToken) is { Status: RenderStatus.Rendered or RenderStatus.Retracted } result
            ? $"{result.Slug} {result.Status}"
            : null;

    public override void Dispose()
    {
        _queue.Sent -= Wake;
        base.Dispose();
    }
}
