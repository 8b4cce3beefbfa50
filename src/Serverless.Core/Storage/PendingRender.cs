namespace Serverless.Core.Storage;

/// <summary>
/// A delayed render message on its way: its queue identity, when it shows, the score it carries (∞ for a plain render)
/// and who offered it, when the page was first asked for in this wait, the delay it was last given, and whether it is
/// held for an import (<see cref="RenderQueueClient.ReleaseHeldAsync"/> lets it go). <see cref="ChangedAt"/>: the
/// latest change it is about, while every request it serves said when theirs was made; the message is stamped with it
/// rather than with when it shows.
/// </summary>
internal sealed record PendingRender(string MessageId, string PopReceipt, DateTimeOffset VisibleAt, double Score, string? OfferedBy, DateTimeOffset WaitingSince, TimeSpan Delay,
    bool Held = false, DateTimeOffset? ChangedAt = null);
