namespace Serverless.Core.Storage;

/// <summary>A render message this instance sent and may still take back or show at once: its queue identity.</summary>
public sealed record QueuedRender(string MessageId, string PopReceipt);
