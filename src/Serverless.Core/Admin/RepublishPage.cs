
namespace Serverless.Core.Admin;

/// <summary>What one page of a republish job saw and did, and the SDK's continuation of the next page of its phase (null: the phase is done).</summary>
public sealed record RepublishPage(int SourcesSeen = 0, int SourcesMarked = 0, int ArticlesWeighed = 0, int ArticlesSeen = 0, int ArticlesQueued = 0, int RenderMessages = 0, string? Next = null);
