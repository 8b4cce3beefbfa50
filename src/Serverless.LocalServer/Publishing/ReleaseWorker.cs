using Serverless.Core.Ingest;
using Serverless.Core.Storage;

namespace Serverless.LocalServer.Publishing;

/// <summary>Releases embargoed articles locally in place of the Functions queue trigger: the release queue, through the same handler.</summary>
public sealed class ReleaseWorker : QueueWorker
{
    private readonly ScheduledReleases _releases;
    private readonly ReleaseMessageHandler _handler;

    public ReleaseWorker(StorageClients storage, ScheduledReleases releases, ReleaseMessageHandler handler, LocalServerSettings settings, ILogger<ReleaseWorker> logger)
        : base(storage, storage.ReleaseQueue, storage.ReleasePoisonQueue, settings, logger)
    {
        _releases = releases;
        _handler = handler;
        _releases.Sent += Wake;
    }

    protected override async Task<string?> HandleBodyAsync(string body, long dequeueCount, CancellationToken cancellationToken) =>
        await _handler.HandleAsync(body, cancellationToken) is { } result ? $"{result.BlobName} released: {result.Status}" : null;

    public override void Dispose()
    {
        _releases.Sent -= Wake;
        base.Dispose();
    }
}
