using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Serverless.Core.Render;
using Serverless.Core.Storage;

namespace Serverless.LocalServer.Publishing;

/// <summary>
/// Drives a queue-triggered stage locally in place of the Functions queue trigger: receives messages from Azurite's
/// queue service, runs the same handler as the function, deletes each message once handled. A message that failed
/// <see cref="RenderMessageHandler.MaxDequeueCount"/> times moves to the poison queue, as the Functions host does.
/// </summary>
public abstract partial class QueueWorker(StorageClients storage, QueueClient queue, QueueClient poisonQueue, LocalServerSettings settings, ILogger logger) : BackgroundService
{
    /// <summary>
    /// The longest wait between receives while the queue stays empty: polling backs off from
    /// <see cref="LocalServerSettings.RenderPollInterval"/> to this, as the Functions host's does, so an idle server costs
    /// a request every few seconds; messages sent in this process wake it at once (<see cref="Wake"/>).
    /// </summary>
    public static readonly TimeSpan MaxIdlePollInterval = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _sent = new(0, 1);

    /// <summary>Messages handled at once, as the host's batchSize does on a small instance.</summary>
    private const int Parallelism = 4;

    /// <summary>How long a received message stays invisible to other receivers while it is handled.</summary>
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>After a failed receive, and the first retry of a failed message.</summary>
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a message that failed on its <paramref name="dequeueCount"/>th delivery stays invisible before the next:
    /// 1 s, then doubling (2, 4, 8 s) so that content failing every time costs a handful of attempts spread over
    /// 15 seconds, not a tight loop. The Functions host waits its <c>visibilityTimeout</c> (host.json) in the same place.
    /// </summary>
    public static TimeSpan RetryDelayAfter(long dequeueCount) =>
        RetryDelay * Math.Pow(2, Math.Clamp(dequeueCount, 1, RenderMessageHandler.MaxDequeueCount) - 1);

    /// <summary>Runs the stage's handler on one message's body; returns a line to log, if any.</summary>
    protected abstract Task<string?> HandleBodyAsync(string body, long dequeueCount, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idlePoll = settings.RenderPollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await storage.EnsureCreatedAsync(stoppingToken);
                QueueMessage[] messages = await queue.ReceiveMessagesAsync(maxMessages: 16, VisibilityTimeout, stoppingToken);
                if (messages.Length == 0)
                {
                    await _sent.WaitAsync(idlePoll, stoppingToken);
                    idlePoll = TimeSpan.FromTicks(Math.Min(idlePoll.Ticks * 2, Math.Max(MaxIdlePollInterval.Ticks, settings.RenderPollInterval.Ticks)));
                    continue;
                }
                idlePoll = settings.RenderPollInterval;
                await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                    async (message, cancellationToken) => await HandleAsync(message, cancellationToken));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Storage hiccups are retried after a pause rather than ending the server.
                LogReceiveFailed(exception, queue.Name);
                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    public override void Dispose()
    {
        _sent.Dispose();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Wakes the worker at once: messages were sent in this process.</summary>
    protected void Wake(object? sender, EventArgs e)
    {
        if (_sent.CurrentCount == 0)
        {
            try
            {
                _sent.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another send woke the worker in between: one wake-up is enough.
            }
        }
    }

    /// <summary>
    /// Handles one delivery: deletes the message once handled; after a failure, hides it for
    /// <see cref="RetryDelayAfter"/> and returns the receipt of that (null when the message is done with, or poisoned).
    /// </summary>
    internal async Task<UpdateReceipt?> HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            if (await HandleBodyAsync(message.Body.ToString(), message.DequeueCount, cancellationToken) is { } done)
            {
                LogHandled(queue.Name, done);
            }
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            return null;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            if (message.DequeueCount >= RenderMessageHandler.MaxDequeueCount)
            {
                await poisonQueue.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                LogPoisoned(exception, queue.Name, message.DequeueCount);
                return null;
            }
            var delay = RetryDelayAfter(message.DequeueCount);
            LogRetrying(exception, queue.Name, message.DequeueCount, delay);
            return await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Queue}: {Done}")]
    private partial void LogHandled(string queue, string done);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Message of {Queue} failed (delivery {DequeueCount}); retrying in {Delay}")]
    private partial void LogRetrying(Exception exception, string queue, long dequeueCount, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Message of {Queue} failed {DequeueCount} times; moved to the poison queue")]
    private partial void LogPoisoned(Exception exception, string queue, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not receive messages of {Queue}; retrying")]
    private partial void LogReceiveFailed(Exception exception, string queue);
}
