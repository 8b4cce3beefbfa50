using Serverless.Core.Admin;

namespace Serverless.Core.Sharing;

/// <summary>The page preview an article's share preview was read from, and the share preview; null when there is no page (see <see cref="ArticlePreview.Problem"/>).</summary>
public sealed record SharePreviewOutcome(string BlobName, ArticlePreview Page, SharePreview? Share);
