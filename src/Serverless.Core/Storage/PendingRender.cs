namespace Serverless.Core.Storage;

/// <summary>
/// A delayed render message on its way: its queue identity, when it shows, the score it carries (∞ for a plain render)
/// and who offered it, when the page was first asked for in this wait, and the delay it was last given.
/// </summary>
internal sealed record PendingRender(string MessageId, string PopReceipt, DateTimeOffset VisibleAt, double Score, string? OfferedBy, DateTimeOffset WaitingSince, TimeSpan Delay);
