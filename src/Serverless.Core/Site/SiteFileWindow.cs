namespace Serverless.Core.Site;

/// <summary>A window a site-file message was sent for: when it ends (UTC ticks), and how long it was.</summary>
internal sealed record SiteFileWindow(long EndTicks, long LengthTicks);
