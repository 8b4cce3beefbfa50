namespace Serverless.Core.Sharing;

/// <summary>How an article will look on every platform, and what will break.</summary>
public sealed record SharePreview(string Url, IReadOnlyList<PlatformCard> Platforms, IReadOnlyList<ShareWarning> Warnings);
