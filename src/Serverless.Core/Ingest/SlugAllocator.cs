using Serverless.Core.Articles;
using Serverless.Core.Parsing;
using Serverless.Core.Storage;

namespace Serverless.Core.Ingest;

/// <summary>
/// Chooses the URL an upload publishes at, from the slug its article wants and the records already holding slugs: the
/// part of ingest that decides where an article lives, apart from what it holds.
/// </summary>
public sealed class SlugAllocator(ArticleRepository repository)
{
    /// <summary>How many articles may want one slug: the last gets slug-100; one more is refused.</summary>
    public const int MaxSlugNumber = 100;

    /// <summary>
    /// The slug this blob publishes at: the one it wants, unless another blob's article holds it, then the first free
    /// numbered form (slug-2, slug-3…). A slug this blob already holds is kept, so a re-upload never changes its URL;
    /// so is the slug of a published article whose new title would make another one, unless the author set the slug
    /// in front matter. Two blobs choosing the same free slug at once both try to add its record; the loser's write
    /// fails (409) and its ingest starts over, finding the slug taken. Returns the record read at that slug (null when
    /// free), and the blob holding the wanted slug when a numbered form is chosen; a null slug when every one is taken.
    /// </summary>
    public async Task<SlugChoice> ChooseAsync(string blobName, Article article, string? previous, CancellationToken cancellationToken)
    {
        var wanted = article.Slug;
        string? holder = null;
        if (previous is not null && previous != wanted
            && await repository.GetArticleAsync(previous, cancellationToken) is { } kept && kept.SourceBlob == blobName)
        {
            if (Slugs.NumberIn(wanted, previous) is not null)
            {
                var first = await repository.GetArticleAsync(wanted, cancellationToken);
                return new SlugChoice(previous, kept, first is not null && !IsFreeFor(first, blobName) ? first.SourceBlob : null);
            }
            if (article.SlugSource == SlugSource.Title && kept.IsLive)
            {
                return new SlugChoice(previous, kept, null);
            }
        }
        for (var number = 1; number <= MaxSlugNumber; number++)
        {
            var candidate = Slugs.Numbered(wanted, number);
            var existing = await repository.GetArticleAsync(candidate, cancellationToken);
            if (existing is null || IsFreeFor(existing, blobName))
            {
                return new SlugChoice(candidate, existing, holder);
            }
            holder ??= existing.SourceBlob;
        }
        return new SlugChoice(null, null, holder);
    }

    /// <summary>A slug is free for a blob when the blob holds it, or when the article there was deleted or moved away.</summary>
    private static bool IsFreeFor(ArticleEntity existing, string blobName) =>
        existing.SourceBlob == blobName || existing.ArticleStatus is ArticleStatus.Deleted or ArticleStatus.Moved;
}
