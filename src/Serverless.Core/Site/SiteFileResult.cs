namespace Serverless.Core.Site;

/// <summary>What a site-file message did: <see cref="Rebuilt"/> false when a later rebuild had already read its change.</summary>
public sealed record SiteFileResult(SiteFileKey File, bool Rebuilt);
