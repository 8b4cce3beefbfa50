namespace Serverless.Core.Storage;

/// <summary>
/// A delayed render message on its way: its queue identity, when it shows, the score it carries (∞ for a plain render)
/// and who offered it, when the page was first asked for in this wait, the delay it was last given, and whether it is
/// held for an import (<see cref="RenderQueueClient.ReleaseHeldAsync"/> lets it go). <see cref="ChangedAt"/>: the
/// latest change it is about, while every request it serves said when theirs was made; the message is stamped with it
/// rather than with when it shows. <see cref="LastAskedAt"/>: when the latest request it serves was made (every change
/// it is about was made before), whether the request changed the message or was left out as covered.
/// </summary>
internal sealed record PendingRender(string MessageId, string PopReceipt, DateTimeOffset VisibleAt, double Score, string? OfferedBy, DateTimeOffset WaitingSince, TimeSpan Delay,
    DateTimeOffset LastAskedAt, bool Held = false, DateTimeOffset? ChangedAt = null);
