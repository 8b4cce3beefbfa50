using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Serverless.Core.Configuration;
using Serverless.Core.Storage;

namespace Serverless.Core.Site;

/// <summary>
/// Requests to the site-file queue: stage 2 asks here for the feeds, sitemap shards and tag pages an article's change touches.
/// Each request becomes visible just after the end of the current window of <see cref="PublishingOptions.SiteFileDelaySeconds"/>,
/// so the requests of a burst of publishes for one file all arrive together, and one rebuild serves them. An instance
/// sends one message per file and window: a later request of the same window is served by the rebuild that message
/// asks for, which reads its inputs after the window's end. A burst then costs each file a message per window and
/// instance, not one per render. While the instance imports an archive (<see cref="ImportActivity"/>), the files every
/// few articles touch again have the longer window of <see cref="PublishingOptions.SiteFileImportDelaySeconds"/>.
/// </summary>
public sealed class SiteFileRequests(StorageClients storage, IOptions<PublishingOptions> options, ImportActivity imports, TimeProvider time)
{
    private readonly long _windowTicks = TimeSpan.FromSeconds(options.Value.SiteFileDelaySeconds).Ticks;

    private readonly long _importWindowTicks = TimeSpan.FromSeconds(Math.Max(options.Value.SiteFileDelaySeconds, options.Value.SiteFileImportDelaySeconds)).Ticks;

    /// <summary>The window each file's last message was sent for, by this instance: its rebuild reads after the window's end.</summary>
    private readonly ConcurrentDictionary<SiteFileKey, SiteFileWindow> _pendingUntil = new();

    /// <summary>Files remembered before the ones of past windows are forgotten: bounds the memory of a long burst touching many tags.</summary>
    private const int MaxRemembered = 10_000;

    /// <summary>Raised once messages are sent, so that a worker in the same process (the local server's) looks at once.</summary>
    public event EventHandler? Sent;

    /// <summary>Asks for a rebuild of each of <paramref name="files"/> from inputs read after the caller's writes; returns the messages sent.</summary>
    public async Task<int> RequestAsync(IEnumerable<SiteFileKey> files, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcTicks;
        var importing = _windowTicks > 0 && _importWindowTicks > _windowTicks && imports.ImportUnderway;
        // Without a window each request rebuilds at once (after the caller's writes): none can be left out.
        var distinct = files.Distinct().Where(file => _windowTicks == 0 || !_pendingUntil.TryGetValue(file, out var pending) || pending.EndTicks <= now).ToList();
        if (distinct.Count == 0)
        {
            return 0;
        }
        await storage.EnsureCreatedAsync(cancellationToken);
        var windows = distinct.ToDictionary(file => file, file => NextWindow(file, now, importing));
        var windowEnds = windows.ToDictionary(entry => entry.Key, entry => entry.Value.EndTicks);
        // Visible just after the end of its window: every request of the window arrives at once, and the first rebuild
        // reads its inputs more than the allowed clock skew after the last of them was sent, so it serves them all.
        await Task.WhenAll(distinct.Select(file => storage.SiteQueue.SendMessageAsync(Json.Write(new SiteFileMessage(file.ToString(), new DateTimeOffset(now, TimeSpan.Zero))),
            visibilityTimeout: _windowTicks == 0 ? null : TimeSpan.FromTicks(windowEnds[file] - now) + SiteFileMessageHandler.ClockSkew, cancellationToken: cancellationToken)));
        if (_windowTicks > 0)
        {
            if (_pendingUntil.Count > MaxRemembered)
            {
                foreach (var past in _pendingUntil.Where(entry => entry.Value.EndTicks + entry.Value.LengthTicks <= now))
                {
                    _pendingUntil.TryRemove(past);
                }
            }
            // Remembered once sent: a request that failed to send leaves the next one to send it.
            foreach (var file in distinct)
            {
                _pendingUntil[file] = windows[file];
            }
        }
        Sent?.Invoke(this, EventArgs.Empty);
        return distinct.Count;
    }

    /// <summary>
    /// The window a new message for the file is sent for. Feeds and the news sitemap, which news published meanwhile
    /// must reach, always have the short one. The files a burst touches again and again (tag and author pages, sitemap
    /// shards, the search index) have the import's while the instance imports; otherwise a file asked for again within a
    /// window of its last one is hot, and its window doubles, up to the import's: a debounce keyed by file, so that the
    /// release wave of an import, or a newsroom's busiest tag, rebuilds it every few tens of seconds, not every few.
    /// </summary>
    private SiteFileWindow NextWindow(SiteFileKey file, long now, bool importing)
    {
        var length = file.Kind is not (SiteFileKind.Tag or SiteFileKind.Author or SiteFileKind.SitemapShard or SiteFileKind.SearchIndex) || _windowTicks == 0 ? _windowTicks
            : importing ? _importWindowTicks
            : _pendingUntil.TryGetValue(file, out var last) && now < last.EndTicks + last.LengthTicks ? Math.Min(last.LengthTicks * 2, _importWindowTicks)
            : _windowTicks;
        return new SiteFileWindow(length > 0 ? (now / length + 1) * length : now, length);
    }
}
