using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Configuration;
using Serverless.Core.Storage;

namespace Serverless.Core.Render;

/// <summary>
/// Renders the page of a news article (dated within <see cref="PublishingOptions.NewsRenderWindowHours"/> of its
/// ingest) as soon as it is ingested, in the ingest's own invocation. An archive import fills the render queue with
/// thousands of renders; breaking news uploaded meanwhile must not wait behind them. Its render message is sent all
/// the same, before, invisible for <see cref="FallbackAfter"/> (<see cref="RenderQueueClient.SendFallbackAsync"/>):
/// taken back once this render is done, shown at once should it fail, and rendering the page should the instance stop
/// in between. Sent visible, the queue's worker would render the page at the same moment as the ingest, and one of the
/// two again after losing the switch.
/// </summary>
public sealed partial class NewsRenders(OutputPublisher publisher, RenderQueueClient queue, IOptions<PublishingOptions> options, TimeProvider time, ILogger<NewsRenders> logger)
{
    /// <summary>How long a news article's render message waits for its ingest's render: the longest its page waits should the instance stop.</summary>
    public static readonly TimeSpan FallbackAfter = TimeSpan.FromSeconds(30);

    private readonly TimeSpan _window = TimeSpan.FromHours(options.Value.NewsRenderWindowHours);

    /// <summary>Whether an article of this date is news, rendered at ingest, rather than an archive, rendered from the queue.</summary>
    public bool IsNews(DateTimeOffset published) => _window > TimeSpan.Zero && published >= time.GetUtcNow() - _window;

    /// <summary>
    /// Whether an article of this date is an archive: nobody waits for its page within seconds, so its own render is
    /// delayed as the renders of the pages following it are (<see cref="Storage.RenderQueueClient.CoalescingDelay"/>),
    /// and in an import one render reads the arrivals of many related articles. With no window, neither news nor archive.
    /// </summary>
    public bool IsArchive(DateTimeOffset published) => _window > TimeSpan.Zero && !IsNews(published);

    /// <summary>
    /// Renders the article's page now if it is news; a failure is logged and left to its render message. The
    /// <paramref name="fallback"/> message, if the ingest sent one (<see cref="RenderQueueClient.SendFallbackAsync"/>),
    /// is taken back once the page is rendered, and shown at once if the render fails.
    /// </summary>
    public async Task RenderIfNewsAsync(string slug, DateTimeOffset published, QueuedRender? fallback, CancellationToken cancellationToken)
    {
        if (!IsNews(published))
        {
            return;
        }
        try
        {
            await publisher.RenderAsync(slug, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogLeftToQueue(exception, slug);
            if (fallback is not null)
            {
                await queue.ShowNowAsync(fallback, cancellationToken);
            }
            return;
        }
        if (fallback is not null)
        {
            await queue.WithdrawAsync(fallback, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rendering news article {Slug} at ingest failed; its render message renders it")]
    private partial void LogLeftToQueue(Exception exception, string slug);
}
