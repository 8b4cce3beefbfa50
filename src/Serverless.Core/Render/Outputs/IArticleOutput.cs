using Serverless.Core.Storage;

namespace Serverless.Core.Render.Outputs;

/// <summary>
/// An output of stage 2 beyond the page itself (the listing row, tag rows, feeds, sitemap, share card). Applied after
/// each page switch and each retraction, and again if a crash interrupted it, so it must be idempotent: it brings its
/// output in line with the article, whether served (<see cref="StoredArticle.IsServed"/>) or not, and returns what it
/// published as its state. The publisher keeps that state in the outputs row under <see cref="Name"/> and hands it
/// back at the next apply; an output never edits the article's rows itself.
/// </summary>
public interface IArticleOutput
{
    /// <summary>The name its state is kept under (<see cref="ArticleOutputsEntity.OutputState"/>).</summary>
    string Name { get; }

    /// <summary>
    /// The state to record before applying, when applying may write what <paramref name="state"/> does not name, so
    /// that no crash can leave something the output would not remove later; null when nothing needs recording first.
    /// The publisher saves every output's in one write.
    /// </summary>
    string? StateAhead(StoredArticle article, string? state) => null;

    /// <summary>Brings the output in line with <paramref name="article"/>; returns the state to keep (null: nothing published).</summary>
    /// <param name="previous">The state it last returned for the article (or recorded ahead of this apply).</param>
    Task<string?> ApplyAsync(StoredArticle article, string? previous, PendingWork pending, CancellationToken cancellationToken);
}
