using Microsoft.Extensions.Logging;
using Serverless.Core.Storage;

namespace Serverless.Core.Render;

/// <summary>
/// Ends an archive import on this instance. Each ingest is noted (<see cref="ImportActivity"/>); while an import runs,
/// the renders of the pages following it are held (<see cref="RenderQueueClient"/>). Once the instance has ingested
/// nothing for the settle delay, the keywords due to be weighed again against the grown corpus are weighed
/// (<see cref="KeywordReweigher.WeighDueAsync"/>: their pages' renders join the held ones), then the held renders are let
/// go together: each page renders once, from the corpus as the import left it, where it rendered with each related or
/// citing arrival and again once re-weighed. Before they go, the indexes are read whole (<see cref="IndexReadCache.HoldSnapshotAsync"/>),
/// so the renders read them from memory rather than eight or more queries each. However long the import and its
/// weighing last, the held renders are put back as they come due (<see cref="RenderQueueClient.KeepHeldAsync"/>). An instance that stops first loses
/// nothing: its held messages show by themselves (within about half again the time they were held), and the re-weighing chain runs from
/// the queue.
/// </summary>
public sealed partial class ImportSettlement(ImportActivity imports, RenderQueueClient queue, KeywordReweigher reweigher, IndexReadCache reads, DocumentFrequencies frequencies,
    TimeProvider time, ILogger<ImportSettlement> logger) : IDisposable
{
    /// <summary>
    /// Index rows read whole per held render: a query of 1,000 rows replaces at least one of each render's, so the
    /// snapshot never costs more requests than the reads it saves.
    /// </summary>
    public const int SnapshotRowsPerRender = 1000;

    /// <summary>The most rows of one index table held (~100 MB for the keyword rows): a larger one is left to its lookups.</summary>
    public const int MaxSnapshotRows = 100_000;

    private readonly Lock _lock = new();

    /// <summary>1 while a settlement runs: one at a time, since two would weigh the same articles and write their rows twice.</summary>
    private int _settling;

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
    /// from the queue is asked for once per import, so that it is done even if this instance stops before it settles,
    /// with the corpus size it waits to stop growing from (one read).
    /// </summary>
    public async Task WeighingDeferredAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _chainAsked) == 0)
        {
            var corpus = await frequencies.CorpusAsync(cancellationToken);
            await queue.RequestReweighingAsync(KeywordReweighing.FromOldestOnceSettled(corpus, time.GetUtcNow()), cancellationToken);
            Volatile.Write(ref _chainAsked, 1);
        }
    }

    private async Task SettleWhenQuietAsync()
    {
        var goesOn = false;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }
            if (imports.QuietFor is var quiet && quiet < imports.Window)
            {
                _timer?.Change(imports.Window - quiet, Timeout.InfiniteTimeSpan);
                goesOn = true;
            }
            else if (Volatile.Read(ref _settling) == 1)
            {
                // The import resumed while its settlement weighs, and is quiet again: settled once that one is done.
                _timer?.Change(imports.Window, Timeout.InfiniteTimeSpan);
                goesOn = true;
            }
            else
            {
                // The next ingest arms a timer of its own.
                _timer?.Dispose();
                _timer = null;
            }
        }
        if (goesOn)
        {
            await KeepHeldAsync(CancellationToken.None);
            return;
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

    /// <summary>
    /// The keywords due weighed again, the indexes read whole, then the held renders let go, stamped with the end of the
    /// weighing: the snapshot, read after that (allowing for <see cref="OutputPublisher.ClockSkew"/>), is fresh enough
    /// for them. Returns the renders let go: none, at once, while another settlement of this instance runs (an import
    /// that resumed during its weighing is settled after it).
    /// </summary>
    public async Task<int> SettleAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _settling, 1, 0) != 0)
        {
            return 0;
        }
        try
        {
            return await SettleOnceAsync(cancellationToken);
        }
        finally
        {
            Volatile.Write(ref _settling, 0);
        }
    }

    private async Task<int> SettleOnceAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _chainAsked, 0);
        imports.Settling = true;
        try
        {
            return await WeighThenReleaseAsync(cancellationToken);
        }
        finally
        {
            imports.Settling = false;
        }
    }

    private async Task<int> WeighThenReleaseAsync(CancellationToken cancellationToken)
    {
        var held = queue.HeldRenders;
        // However long the weighing takes (thousands of articles), the held renders wait for it.
        using var weighing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keeper = KeepHeldWhileAsync(weighing.Token);
        try
        {
            // The weighing tells the pages the import's new articles affect: found in the indexes as the import left them.
            await HoldSnapshotAsync(held, cancellationToken);
            LogReweighed(await reweigher.WeighDueAsync(cancellationToken));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The pages render all the same: the re-weighing chain from the queue makes it up, rendering them again.
            LogReweighingFailed(exception);
        }
        finally
        {
            await weighing.CancelAsync();
            await keeper;
        }
        var changesUpTo = time.GetUtcNow();
        if (held > 1)
        {
            await Task.Delay(OutputPublisher.ClockSkew + TimeSpan.FromMilliseconds(10), time, cancellationToken);
            await HoldSnapshotAsync(queue.HeldRenders, cancellationToken);
        }
        // Renders asked for from now on are not held: those held go now.
        imports.Settling = false;
        return await queue.ReleaseHeldAsync(cancellationToken, changesUpTo);
    }

    /// <summary>Keeps the held renders held (<see cref="RenderQueueClient.KeepHeldAsync"/>) every <see cref="ImportActivity.Window"/> until cancelled.</summary>
    private async Task KeepHeldWhileAsync(CancellationToken cancellationToken)
    {
        if (imports.Window <= TimeSpan.Zero)
        {
            return;
        }
        try
        {
            while (true)
            {
                await Task.Delay(imports.Window, time, cancellationToken);
                await KeepHeldAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The weighing is over: the held renders go next.
        }
    }

    private async Task KeepHeldAsync(CancellationToken cancellationToken)
    {
        try
        {
            await queue.KeepHeldAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Those not put back show by themselves: rendered before the import settles, and again after.
            LogKeepHeldFailed(exception);
        }
    }

    /// <summary>The indexes read whole for <paramref name="held"/> renders (more than one), bounded by them; on failure the reads go to the tables.</summary>
    private async Task HoldSnapshotAsync(int held, CancellationToken cancellationToken)
    {
        if (held <= 1)
        {
            return;
        }
        try
        {
            var snapshot = await reads.HoldSnapshotAsync(Math.Min(MaxSnapshotRows, held * SnapshotRowsPerRender), cancellationToken);
            LogSnapshot(held, snapshot.Rows);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSnapshotFailed(exception);
        }
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Indexes read whole for {Held} held renders: {Rows} rows")]
    private partial void LogSnapshot(int held, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the indexes whole for an import's held renders failed; they read the tables")]
    private partial void LogSnapshotFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Putting an import's held renders back failed; those due show by themselves")]
    private partial void LogKeepHeldFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Letting an import's held renders go failed; they show by themselves within the longest render delay")]
    private partial void LogSettleFailed(Exception exception);
}
