using Serverless.Core.Storage;

namespace Serverless.Core.Publishing.Outputs;

/// <summary>The article's row in the newest-first listing: written once its page is served, moved when its date changes, removed with it.</summary>
public sealed class ListingOutput(ArticleRepository repository) : IArticleOutput
{
    public async Task ApplyAsync(ArticleEntity article, PendingWork pending, CancellationToken cancellationToken)
    {
        if (article is { IsServed: true, ListingRowKey: { } row })
        {
            await repository.UpsertListingAsync(ListingEntity.For(article, row), cancellationToken);
        }
        foreach (var stale in pending.StaleListingRows.Where(stale => stale != article.ListingRowKey))
        {
            await repository.DeleteListingAsync(stale, cancellationToken);
        }
    }
}
