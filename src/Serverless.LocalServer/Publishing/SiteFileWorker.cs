using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.LocalServer.Publishing;

/// <summary>Drives the site-file stage locally in place of the Functions queue trigger: the site-file queue, through the same handler.</summary>
public sealed class SiteFileWorker : QueueWorker
{
    private readonly SiteFileRequests _queue;
    private readonly SiteFileMessageHandler _handler;

    public SiteFileWorker(StorageClients storage, SiteFileRequests queue, SiteFileMessageHandler handler, LocalServerSettings settings, ILogger<SiteFileWorker> logger)
        : base(storage, storage.SiteQueue, storage.SitePoisonQueue, settings, logger)
    {
        _queue = queue;
        _handler = handler;
        _queue.Sent += Wake;
    }

    protected override async Task<string?> HandleBodyAsync(string body, long dequeueCount, CancellationToken cancellationToken) =>
        await _handler.HandleAsync(body, cancellationToken) is { Rebuilt: true } result ? $"{result.File} rebuilt" : null;

    public override void Dispose()
    {
        _queue.Sent -= Wake;
        base.Dispose();
    }
}
