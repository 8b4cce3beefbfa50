using Serverless.Core.Linking;
using Serverless.Core.Render;

namespace Serverless.Core.Ingest;

/// <summary>
/// Which other pages a change to an article affects, found from the indexes: those citing it (their links may resolve
/// differently) and those related to it as it was (they may drop or retitle it). Those related to it as it is are
/// offered it by its own render (<c>OutputPublisher</c>).
/// </summary>
public sealed class AffectedPages(RelatedArticles related, CitingPagesFanout citingPages)
{
    /// <summary>Pages with a link naming the article by its slug, path or title: their links may now resolve differently.</summary>
    public async Task<CitingRenders> CitingAsync(ArticleSnapshot? article, CancellationToken cancellationToken) => article is null
        ? CitingRenders.None
        : await citingPages.FirstPagesAsync(new[] { ReferenceKeys.Slug(article.Slug), ReferenceKeys.Path(article.SourceBlob), ReferenceKeys.Title(article.Title) }.OfType<string>(),
            except: article.Slug, cancellationToken);

    /// <summary>Articles related to the article as it was or is: their computed lists may gain or lose it.</summary>
    public async Task<IEnumerable<string>> RelatedToAsync(ArticleSnapshot? article, CancellationToken cancellationToken) =>
        article is null ? [] : (await related.FindAsync(article.Profile, cancellationToken)).Select(candidate => candidate.Slug);
}
