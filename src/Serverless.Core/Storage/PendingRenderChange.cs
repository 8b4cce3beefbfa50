namespace Serverless.Core.Storage;

/// <summary>
/// How a delayed render on its way is changed (<see cref="RenderQueueClient"/>): it shows at <see cref="ShowsAt"/> (at once
/// if <see cref="AtOnce"/>, the instance then forgetting it), stamped for <see cref="ChangedAt"/> if known, held for an import.
/// </summary>
internal sealed record PendingRenderChange(DateTimeOffset ShowsAt, DateTimeOffset? ChangedAt, bool AtOnce = false);
