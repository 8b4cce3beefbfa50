using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Serverless.Core.Configuration;

namespace Serverless.Core.Storage;

/// <summary>
/// The articles this instance ingested lately: whether an archive import is under way, and since when it has been quiet.
/// A newsroom publishes a few articles a minute; an import (a CMS archive through <c>upload</c>, azcopy or Storage
/// Explorer) ingests several a second. While one runs, the renders of the pages following it are held
/// (<see cref="RenderQueueClient"/>): the corpus they read is still growing, so each would render again with the next
/// related or citing arrival. Counted per instance, in memory: an instance that sees an import holds its own renders.
/// </summary>
public sealed class ImportActivity(IOptions<PublishingOptions> options, TimeProvider time)
{
    /// <summary>
    /// Ingests within <see cref="Window"/> that make an import: more than a newsroom publishes in seconds, fewer than the
    /// slowest import seen (about one article a second on a busy two-core machine).
    /// </summary>
    public const int ImportIngests = 10;

    private readonly ConcurrentQueue<long> _ingests = new();
    private long _lastIngest;

    /// <summary>How far back ingests are counted, and how long an import must be quiet to be over (<see cref="PublishingOptions.SettleDelay"/>).</summary>
    public TimeSpan Window { get; } = options.Value.SettleDelay;

    /// <summary>Notes one article ingested now (published or changed).</summary>
    public void Ingested()
    {
        var now = time.GetTimestamp();
        Interlocked.Exchange(ref _lastIngest, now);
        _ingests.Enqueue(now);
        Prune(now);
    }

    /// <summary>Whether at least <see cref="ImportIngests"/> articles were ingested within the last <see cref="Window"/>.</summary>
    public bool ImportUnderway
    {
        get
        {
            Prune(time.GetTimestamp());
            return _ingests.Count >= ImportIngests;
        }
    }

    private int _settling;

    /// <summary>
    /// Whether this instance's settlement of an import is under way (<c>Render.ImportSettlement</c>): the import is quiet,
    /// but the renders its weighing asks for (the pages its new articles cite or follow) are held too, to go with the
    /// others once it is done, rather than render while the indexes are still being written.
    /// </summary>
    public bool Settling
    {
        get => Volatile.Read(ref _settling) == 1;
        set => Volatile.Write(ref _settling, value ? 1 : 0);
    }

    /// <summary>Whether the delayed renders asked for now are held: an import under way, or its settlement.</summary>
    public bool HoldsRenders => Settling || ImportUnderway;

    /// <summary>How long since the last ingest (<see cref="TimeSpan.MaxValue"/> before the first).</summary>
    public TimeSpan QuietFor => Interlocked.Read(ref _lastIngest) is var last and > 0 ? time.GetElapsedTime(last) : TimeSpan.MaxValue;

    private void Prune(long now)
    {
        while (_ingests.TryPeek(out var oldest) && time.GetElapsedTime(oldest, now) > Window)
        {
            _ingests.TryDequeue(out _);
        }
    }
}
