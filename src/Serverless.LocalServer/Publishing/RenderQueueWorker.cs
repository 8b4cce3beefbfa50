using Azure.Storage.Queues.Models;
using Serverless.Core.Publishing;
using Serverless.Core.Storage;

namespace Serverless.LocalServer.Publishing;

/// <summary>
/// Drives stage 2 locally in place of the Functions queue trigger: receives render messages from Azurite's queue
/// service, runs the same handler, deletes each message once handled. A message that failed
/// <see cref="RenderMessageHandler.MaxDequeueCount"/> times moves to the poison queue, as the Functions host does.
/// </summary>
public sealed partial class RenderQueueWorker(StorageClients storage, RenderMessageHandler handler, LocalServerSettings settings, ILogger<RenderQueueWorker> logger) : BackgroundService
{
    /// <summary>Messages handled at once, as the host's batchSize does on a small instance.</summary>
    private const int Parallelism = 4;

    /// <summary>How long a received message stays invisible to other receivers while it is handled.</summary>
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A failed message comes back after this, rather than after the whole visibility timeout.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await storage.EnsureCreatedAsync(stoppingToken);
                QueueMessage[] messages = await storage.RenderQueue.ReceiveMessagesAsync(maxMessages: 16, VisibilityTimeout, stoppingToken);
                if (messages.Length == 0)
                {
                    await Task.Delay(settings.RenderPollInterval, stoppingToken);
                    continue;
                }
                await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                    async (message, cancellationToken) => await HandleAsync(message, cancellationToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Storage hiccups are retried after a pause rather than ending the server.
                LogReceiveFailed(exception);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var result = await handler.HandleAsync(message.Body.ToString(), message.DequeueCount, cancellationToken);
            if (result is { Status: RenderStatus.Rendered or RenderStatus.Retracted })
            {
                LogRendered(result.Slug, result.Status);
            }
            await storage.RenderQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (message.DequeueCount >= RenderMessageHandler.MaxDequeueCount)
            {
                await storage.RenderPoisonQueue.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                await storage.RenderQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                LogPoisoned(exception, message.DequeueCount);
                return;
            }
            LogRetrying(exception, message.DequeueCount);
            await storage.RenderQueue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: RetryDelay, cancellationToken: cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stage 2: {Slug} {Status}")]
    private partial void LogRendered(string slug, RenderStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Render message failed (delivery {DequeueCount}); retrying")]
    private partial void LogRetrying(Exception exception, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Render message failed {DequeueCount} times; moved to the poison queue")]
    private partial void LogPoisoned(Exception exception, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not receive render messages; retrying")]
    private partial void LogReceiveFailed(Exception exception);
}
