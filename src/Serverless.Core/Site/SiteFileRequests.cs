using Microsoft.Extensions.Options;
using Serverless.Core.Configuration;
using Serverless.Core.Storage;

namespace Serverless.Core.Site;

/// <summary>
/// Requests to the site-file queue: stage 2 asks here for the feeds, sitemap shards and tag pages an article's change touches.
/// Each request becomes visible just after the end of the current window of <see cref="PublishingOptions.SiteFileDelaySeconds"/>,
/// so the requests of a burst of publishes for one file all arrive together, and one rebuild serves them.
/// </summary>
public sealed class SiteFileRequests(StorageClients storage, IOptions<PublishingOptions> options, TimeProvider time)
{
    private readonly long _windowTicks = TimeSpan.FromSeconds(options.Value.SiteFileDelaySeconds).Ticks;

    /// <summary>Raised once messages are sent, so that a worker in the same process (the local server's) looks at once.</summary>
    public event EventHandler? Sent;

    /// <summary>Asks for a rebuild of each of <paramref name="files"/> from inputs read after the caller's writes; returns the messages sent.</summary>
    public async Task<int> RequestAsync(IEnumerable<SiteFileKey> files, CancellationToken cancellationToken)
    {
        var distinct = files.Distinct().ToList();
        if (distinct.Count == 0)
        {
            return 0;
        }
        await storage.EnsureCreatedAsync(cancellationToken);
        var now = time.GetUtcNow();
        // Visible just after the end of this window: every request of the window arrives at once, and the first rebuild
        // reads its inputs more than the allowed clock skew after the last of them was sent, so it serves them all.
        TimeSpan? delay = _windowTicks == 0 ? null : TimeSpan.FromTicks(_windowTicks - now.UtcTicks % _windowTicks) + SiteFileMessageHandler.ClockSkew;
        await Task.WhenAll(distinct.Select(file => storage.SiteQueue.SendMessageAsync(Json.Write(new SiteFileMessage(file.ToString(), now)),
            visibilityTimeout: delay, cancellationToken: cancellationToken)));
        Sent?.Invoke(this, EventArgs.Empty);
        return distinct.Count;
    }
}
