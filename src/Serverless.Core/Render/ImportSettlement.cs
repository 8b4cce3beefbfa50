using Microsoft.Extensions.Logging;
using Serverless.Core.Storage;

namespace Serverless.Core.Render;

/// <summary>
/// Ends an archive import on this instance. Each ingest is noted (<see cref="ImportActivity"/>); while an import runs,
/// the renders of the pages following it are held (<see cref="RenderQueueClient"/>). Once the instance has ingested
/// nothing for the settle delay, the keywords due to be weighed again against the grown corpus are weighed
/// (<see cref="KeywordReweigher.WeighDueAsync"/>: their pages' renders join the held ones), then the held renders are let
/// go together: each page renders once, from the corpus as the import left it, where it rendered with each related or
/// citing arrival and again once re-weighed. An instance that stops first loses nothing: its held messages show by
/// themselves within the longest render delay, and the re-weighing chain runs from the queue.
/// </summary>
public sealed partial class ImportSettlement(ImportActivity imports, RenderQueueClient queue, KeywordReweigher reweigher, TimeProvider time,
    ILogger<ImportSettlement> logger) : IDisposable
{
    private readonly Lock _lock = new();

    /// <summary>1 once this import has asked for the re-weighing chain from the queue.</summary>
    private int _chainAsked;
    private ITimer? _timer;
    private bool _disposed;

    /// <summary>Whether this instance is ingesting an import (<see cref="ImportActivity.ImportUnderway"/>).</summary>
    public bool ImportUnderway => imports.ImportUnderway;

    /// <summary>Notes an article ingested now, and makes sure the import, if this is one, is settled once quiet.</summary>
    public void Ingested()
    {
        imports.Ingested();
        lock (_lock)
        {
            if (!_disposed && imports.Window > TimeSpan.Zero)
            {
                _timer ??= time.CreateTimer(_ => _ = SettleWhenQuietAsync(), null, imports.Window, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>
    /// An article ingested during the import left its keywords to be weighed once it settles: the re-weighing chain
    /// from the queue is asked for once per import, so that it is done even if this instance stops before it settles.
    /// </summary>
    public async Task WeighingDeferredAsync(int corpus, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _chainAsked) == 0)
        {
            await queue.RequestReweighingAsync(KeywordReweighing.FromOldestOnceSettled(corpus, time.GetUtcNow()), cancellationToken);
            Volatile.Write(ref _chainAsked, 1);
        }
    }

    private async Task SettleWhenQuietAsync()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            if (imports.QuietFor is var quiet && quiet < imports.Window)
            {
                _timer?.Change(imports.Window - quiet, Timeout.InfiniteTimeSpan);
                return;
            }
            // The next ingest arms a timer of its own.
            _timer?.Dispose();
            _timer = null;
        }
        if (!queue.HoldsRenders)
        {
            return;
        }
        try
        {
            await SettleAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogSettleFailed(exception);
        }
    }

    /// <summary>The keywords due weighed again, then the held renders let go. Returns the renders let go.</summary>
    public async Task<int> SettleAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _chainAsked, 0);
        try
        {
            LogReweighed(await reweigher.WeighDueAsync(cancellationToken));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The pages render all the same: the re-weighing chain from the queue makes it up, rendering them again.
            LogReweighingFailed(exception);
        }
        return await queue.ReleaseHeldAsync(cancellationToken);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import quiet: {Changed} articles' keywords changed by weighing them again before the held renders go")]
    private partial void LogReweighed(int changed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Weighing keywords again at the end of an import failed; the chain from the queue will")]
    private partial void LogReweighingFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Letting an import's held renders go failed; they show by themselves within the longest render delay")]
    private partial void LogSettleFailed(Exception exception);
}
