using Microsoft.Extensions.Logging;
using Serverless.Core.Ingest;
using Serverless.Core.Storage;

namespace Serverless.Core.Render;

/// <summary>
/// Handles one render-queue message, for the Functions queue trigger and the local server's queue worker alike. A
/// fan-out message is split into render messages; a citing-pages message sends the renders of one page of citing pages
/// and asks for the next; a re-weighing message weighs again the keywords of a page of articles and asks for the next;
/// a render message renders one slug. An exception leaves the message
/// to be delivered again; on its last delivery the reason is recorded on the article before it goes to the poison queue.
/// </summary>
public sealed partial class RenderMessageHandler(OutputPublisher outputs, RenderQueueClient queue, CitingPagesFanout citingPages, KeywordReweigher reweigher,
    ILogger<RenderMessageHandler> logger)
{
    /// <summary>Deliveries before a message moves to the poison queue: the Functions default, and the local worker's.</summary>
    public const int MaxDequeueCount = 5;

    public async Task<RenderResult?> HandleAsync(string body, long dequeueCount, CancellationToken cancellationToken)
    {
        RenderMessage message;
        try
        {
            message = RenderMessage.Parse(body);
        }
        catch (FormatException exception)
        {
            LogMalformed(exception.Message);
            throw;
        }
        if (message.Citing is { } citing)
        {
            await citingPages.ContinueAsync(citing, cancellationToken);
            return null;
        }
        if (message.Reweigh is { } reweigh)
        {
            await reweigher.ContinueAsync(reweigh, cancellationToken);
            return null;
        }
        if (message.Fanout is { } slugs)
        {
            // The pages of a fan-out follow another article: delayed, so that a burst asking for one page renders it once.
            if (message.Offer is { } offer)
            {
                await queue.EnqueueAsync([], cancellationToken, delayed: true, offeredBy: offer.By, offers: slugs.Select((slug, index) => (slug, offer.Scores[index])),
                    changedAt: message.EnqueuedAt);
            }
            else
            {
                await queue.EnqueueAsync(slugs, cancellationToken, delayed: true);
            }
            return null;
        }
        try
        {
            return await outputs.RenderAsync(message.Slug!, cancellationToken, message.EnqueuedAt, message.Offer);
        }
        catch (Azure.RequestFailedException exception) when (StorageRefusals.IsRefusal(exception))
        {
            // Refused again on every delivery: recorded now rather than after five, and the message is done.
            LogRefused(exception, message.Slug!);
            await outputs.RecordFailureAsync(message.Slug!, StorageRefusals.Message(exception, "its page's state"), cancellationToken);
            return new RenderResult(message.Slug!, RenderStatus.Failed);
        }
        catch (Exception exception) when (dequeueCount >= MaxDequeueCount && exception is not OperationCanceledException)
        {
            LogGivingUp(exception, message.Slug!, dequeueCount);
            await outputs.RecordFailureAsync(message.Slug!, $"Rendering failed {dequeueCount} times: {exception.Message}", cancellationToken);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage refused the render of {Slug}; recorded on the article")]
    private partial void LogRefused(Exception exception, string slug);

    [LoggerMessage(Level = LogLevel.Error, Message = "Malformed render message: {Reason}")]
    private partial void LogMalformed(string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rendering {Slug} failed on delivery {DequeueCount}; the message goes to the poison queue")]
    private partial void LogGivingUp(Exception exception, string slug, long dequeueCount);
}
