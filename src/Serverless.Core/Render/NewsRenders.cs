using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Configuration;

namespace Serverless.Core.Render;

/// <summary>
/// Renders the page of a news article (dated within <see cref="PublishingOptions.NewsRenderWindowHours"/> of its
/// ingest) as soon as it is ingested, in the ingest's own invocation. An archive import fills the render queue with
/// thousands of renders; breaking news uploaded meanwhile must not wait behind them. Its render message is sent all
/// the same, before: should this render fail or the instance stop, the message renders the page, and otherwise finds
/// it rendered since it was sent, after one read.
/// </summary>
public sealed partial class NewsRenders(OutputPublisher publisher, IOptions<PublishingOptions> options, TimeProvider time, ILogger<NewsRenders> logger)
{
    private readonly TimeSpan _window = TimeSpan.FromHours(options.Value.NewsRenderWindowHours);

    /// <summary>Whether an article of this date is news, rendered at ingest, rather than an archive, rendered from the queue.</summary>
    public bool IsNews(DateTimeOffset published) => _window > TimeSpan.Zero && published >= time.GetUtcNow() - _window;

    /// <summary>
    /// Whether an article of this date is an archive: nobody waits for its page within seconds, so its own render is
    /// delayed as the renders of the pages following it are (<see cref="Storage.RenderQueueClient.CoalescingDelay"/>),
    /// and in an import one render reads the arrivals of many related articles. With no window, neither news nor archive.
    /// </summary>
    public bool IsArchive(DateTimeOffset published) => _window > TimeSpan.Zero && !IsNews(published);

    /// <summary>Renders the article's page now if it is news; a failure is logged and left to its render message.</summary>
    public async Task RenderIfNewsAsync(string slug, DateTimeOffset published, CancellationToken cancellationToken)
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
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rendering news article {Slug} at ingest failed; its render message renders it")]
    private partial void LogLeftToQueue(Exception exception, string slug);
}
