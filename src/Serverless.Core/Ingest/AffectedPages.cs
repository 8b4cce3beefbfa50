using Serverless.Core.Linking;
using Serverless.Core.Render;
using Serverless.Core.Render.Outputs;
using Serverless.Core.Storage;

namespace Serverless.Core.Ingest;

/// <summary>
/// Which other pages a change to an article affects, found from the indexes: those citing it (their links may resolve
/// differently), those related to it as it was (they may drop or retitle it), and those either side of it in its first
/// tag (their previous or next link). Those related to it as it is are offered it by its own render (<c>OutputPublisher</c>).
/// </summary>
public sealed class AffectedPages(RelatedArticles related, CitingPagesFanout citingPages, ArticleRepository repository)
{
    /// <summary>
    /// The articles either side of each place the article left or took in its tags (all of them when retitled), once
    /// its index rows are written, whose first tag that is: they link it as their previous or next, or now link each
    /// other. Two queries a place, three when the newer one is recent. A neighbour ingesting at the same time reads
    /// after writing its own row too, so of two neighbours published at once, at least one finds the other.
    /// </summary>
    /// <param name="fresh">Reads through the instance's shared reads (an index snapshot), as fresh as they say; null reads the table.</param>
    public async Task<IReadOnlyList<string>> NeighboursAsync(ArticleSnapshot? before, ArticleSnapshot? after, CancellationToken cancellationToken, FreshReads? fresh = null)
    {
        var slug = (after ?? before)?.Slug;
        var around = await Task.WhenAll(ArticleSnapshot.PlacesChanged(before, after).Select(async place =>
        {
            var rows = fresh is null
                ? await repository.TagNeighboursAsync(place.TagSlug, place.RowKey, cancellationToken)
                : await fresh.TagNeighboursAsync(place.TagSlug, place.RowKey, cancellationToken);
            return new[] { rows.Older, rows.Newer }.OfType<ListingEntity>().Where(row => row.Slug != slug && TagOutput.FirstTagSlug(row.Tags) == place.TagSlug);
        }));
        return [.. around.SelectMany(rows => rows).Select(row => row.Slug).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Pages with a link naming the article by its slug, path or title: their links may now resolve differently.</summary>
    /// <param name="fresh">Reads through the instance's shared reads (an index snapshot), as fresh as they say; null reads the table.</param>
    public async Task<CitingRenders> CitingAsync(ArticleSnapshot? article, CancellationToken cancellationToken, FreshReads? fresh = null) => article is null
        ? CitingRenders.None
        : await citingPages.FirstPagesAsync(new[] { ReferenceKeys.Slug(article.Slug), ReferenceKeys.Path(article.SourceBlob), ReferenceKeys.Title(article.Title) }.OfType<string>(),
            except: article.Slug, cancellationToken, fresh);

    /// <summary>Articles related to the article as it was or is: their computed lists may gain or lose it.</summary>
    public async Task<IEnumerable<string>> RelatedToAsync(ArticleSnapshot? article, CancellationToken cancellationToken) =>
        article is null ? [] : (await related.FindAsync(article.Profile, cancellationToken)).Select(candidate => candidate.Slug);
}
