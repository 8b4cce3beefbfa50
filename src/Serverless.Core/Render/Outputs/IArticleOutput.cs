using Serverless.Core.Storage;

namespace Serverless.Core.Render.Outputs;

/// <summary>
/// An output of stage 2 beyond the page itself (the listing row; later the share card, feeds, sitemap). Applied after
/// each page switch and each retraction, and again if a crash interrupted it, so it must be idempotent: it brings
/// its output in line with <paramref name="article"/>, whether live (<see cref="ArticleEntity.IsServed"/>) or not.
/// </summary>
public interface IArticleOutput
{
    Task ApplyAsync(ArticleEntity article, PendingWork pending, CancellationToken cancellationToken);
}
