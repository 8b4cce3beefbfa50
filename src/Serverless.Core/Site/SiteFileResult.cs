namespace Serverless.Core.Site;

/// <summary>
/// What a site-file message did: <see cref="Rebuilt"/> false when a later rebuild had already read the change it was
/// sent for (at <see cref="RequestedAt"/>, the sender's clock).
/// </summary>
public sealed record SiteFileResult(SiteFileKey File, DateTimeOffset RequestedAt, bool Rebuilt);
