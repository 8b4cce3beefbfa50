using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Http;
using Serverless.Core.Storage;

namespace Serverless.Core.ActivityPub;

/// <summary>
/// The delivery stage, for the Functions queue trigger and the local server's worker alike. A fan-out reads the
/// followers (a query page per 1,000) and sends one delivery per shared inbox, so a server with many followers gets one
/// request. A delivery POSTs the activity signed with the actor's key; a server that does not answer, or answers 429 or
/// 5xx, gets it again later (30 s, then twice as long each time, <see cref="ActivityPubOptions.DeliveryAttempts"/>
/// times), and one that refuses it for good (another 4xx), or never takes it, is recorded in the delivery poison queue,
/// which the admin <c>failures</c> listing reads. A crash between sends sends some again: the activity keeps its id,
/// and receivers take an id once.
/// </summary>
public sealed partial class DeliveryMessageHandler(StorageClients storage, Followers followers, ActorKey key, ActivityPubUrls urls, OutboundRequests client,
    IOptions<ActivityPubOptions> options, TimeProvider time, ILogger<DeliveryMessageHandler> logger)
{
    /// <summary>Sends of one fan-out at a time.</summary>
    private const int SendConcurrency = 16;

    /// <summary>The queue's longest invisibility: a wait is never longer.</summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromDays(7);

    /// <summary>Hands <paramref name="activity"/> to the queue for every follower: one message.</summary>
    public async Task FanOutAsync(string activity, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await storage.DeliveryQueue.SendMessageAsync(Json.Write(new DeliveryMessage(DeliveryMessage.FanOut, activity)), cancellationToken);
    }

    /// <summary>Hands <paramref name="activity"/> to the queue for one inbox (the Accept of a Follow): one message.</summary>
    public async Task DeliverLaterAsync(string activity, string inbox, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await storage.DeliveryQueue.SendMessageAsync(Json.Write(new DeliveryMessage(DeliveryMessage.Deliver, activity, inbox)), cancellationToken);
    }

    /// <summary>Handles one message; returns the deliveries it sent (a fan-out) or made (1), or 0 when it gave one up or put it back.</summary>
    public async Task<int> HandleAsync(string body, CancellationToken cancellationToken)
    {
        DeliveryMessage message;
        try
        {
            message = Json.Read<DeliveryMessage>(body) ?? throw new FormatException("An empty delivery message.");
        }
        catch (JsonException exception)
        {
            throw new FormatException($"Not a delivery message: {exception.Message}", exception);
        }
        await storage.EnsureCreatedAsync(cancellationToken);
        if (message.Kind == DeliveryMessage.FanOut)
        {
            var inboxes = await followers.SharedInboxesAsync(cancellationToken);
            await Parallel.ForEachAsync(inboxes, new ParallelOptions { MaxDegreeOfParallelism = SendConcurrency, CancellationToken = cancellationToken },
                async (inbox, token) => await storage.DeliveryQueue.SendMessageAsync(Json.Write(new DeliveryMessage(DeliveryMessage.Deliver, message.Activity, inbox)), token));
            LogFannedOut(inboxes.Count);
            return inboxes.Count;
        }
        if (message is not { Kind: DeliveryMessage.Deliver, Inbox: { } inbox })
        {
            throw new FormatException($"Not a delivery message: kind '{message.Kind}'.");
        }
        try
        {
            await DeliverAsync(message.Activity, new Uri(inbox), cancellationToken);
            return 1;
        }
        catch (RequestFailedException exception) when (OutboundRequests.IsTransient(exception) && message.Attempt < options.Value.DeliveryAttempts)
        {
            var wait = TimeSpan.FromSeconds(options.Value.DeliveryBackoffSeconds * Math.Pow(2, message.Attempt - 1));
            await storage.DeliveryQueue.SendMessageAsync(Json.Write(message with { Attempt = message.Attempt + 1 }),
                visibilityTimeout: wait < MaxBackoff ? wait : MaxBackoff, cancellationToken: cancellationToken);
            LogPutBack(inbox, message.Attempt, exception.Message);
            return 0;
        }
        catch (RequestFailedException exception)
        {
            await storage.DeliveryPoisonQueue.SendMessageAsync(Json.Write(message with { Failure = exception.Message }), cancellationToken);
            LogGivenUp(inbox, message.Attempt, exception.Message);
            return 0;
        }
    }

    private Task DeliverAsync(string activity, Uri inbox, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(activity);
        return client.SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, inbox) { Content = new ByteArrayContent(bytes) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(ActivityStreams.ContentType);
            HttpSignatures.Sign(request, bytes, urls.KeyId, key.Sign, time.GetUtcNow());
            return request;
        }, cancellationToken, RemoteActors.ClientName);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ActivityPub: an activity handed to {Count} shared inboxes")]
    private partial void LogFannedOut(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ActivityPub: delivery to {Inbox} failed (attempt {Attempt}), tried again later: {Reason}")]
    private partial void LogPutBack(string inbox, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "ActivityPub: delivery to {Inbox} given up after attempt {Attempt}: {Reason}")]
    private partial void LogGivenUp(string inbox, int attempt, string reason);
}
