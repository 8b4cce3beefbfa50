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
/// instance, not one per render.
/// </summary>
public sealed class SiteFileRequests(StorageClients storage, IOptions<PublishingOptions> options, TimeProvider time)
{
    private readonly long _windowTicks = TimeSpan.FromSeconds(options.Value.SiteFileDelaySeconds).Ticks;

    /// <summary>The window each file's last message was sent in, by this instance.</summary>
    private readonly ConcurrentDictionary<SiteFileKey, long> _sentInWindow = new();

    /// <summary>Files remembered before the ones of past windows are forgotten: bounds the memory of a long burst touching many tags.</summary>
    private const int MaxRemembered = 10_000;

    /// <summary>Raised once messages are sent, so that a worker in the same process (the local server's) looks at once.</summary>
    public event EventHandler? Sent;

    /// <summary>Asks for a rebuild of each of <paramref name="files"/> from inputs read after the caller's writes; returns the messages sent.</summary>
    public async Task<int> RequestAsync(IEnumerable<SiteFileKey> files, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var window = _windowTicks == 0 ? -1 : now.UtcTicks / _windowTicks;
        // Without a window each request rebuilds at once (after the caller's writes): none can be left out.
        var distinct = files.Distinct().Where(file => window < 0 || !_sentInWindow.TryGetValue(file, out var sent) || sent != window).ToList();
        if (distinct.Count == 0)
        {
            return 0;
        }
        await storage.EnsureCreatedAsync(cancellationToken);
        // Visible just after the end of this window: every request of the window arrives at once, and the first rebuild
        // reads its inputs more than the allowed clock skew after the last of them was sent, so it serves them all.
        TimeSpan? delay = _windowTicks == 0 ? null : TimeSpan.FromTicks(_windowTicks - now.UtcTicks % _windowTicks) + SiteFileMessageHandler.ClockSkew;
        await Task.WhenAll(distinct.Select(file => storage.SiteQueue.SendMessageAsync(Json.Write(new SiteFileMessage(file.ToString(), now)),
            visibilityTimeout: delay, cancellationToken: cancellationToken)));
        if (window >= 0)
        {
            if (_sentInWindow.Count > MaxRemembered)
            {
                foreach (var past in _sentInWindow.Where(entry => entry.Value < window))
                {
                    _sentInWindow.TryRemove(past);
                }
            }
            // Remembered once sent: a request that failed to send leaves the next one to send it.
            foreach (var file in distinct)
            {
                _sentInWindow[file] = window;
            }
        }
        Sent?.Invoke(this, EventArgs.Empty);
        return distinct.Count;
    }
}
