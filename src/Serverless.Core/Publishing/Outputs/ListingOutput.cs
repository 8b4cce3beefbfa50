using Serverless.Core.Storage;

namespace Serverless.Core.Publishing.Outputs;

/// <summary>
/// The article's row in the newest-first listing: written once its page is served and whenever what it shows changes,
/// moved when its date changes, removed with it. A render that changes nothing the listing shows (a related article
/// came or went) writes nothing: the listing's partitions take writes only from real changes.
/// </summary>
public sealed class ListingOutput(ArticleRepository repository) : IArticleOutput
{
    private const string Name = "listing";

    public async Task ApplyAsync(ArticleEntity article, PendingWork pending, CancellationToken cancellationToken)
    {
        var row = article is { IsServed: true, ListingRowKey: { } rowKey } ? ListingEntity.For(article, rowKey) : null;
        var state = row?.Fingerprint();
        if (row is not null && state != article.OutputState(Name))
        {
            await repository.UpsertListingAsync(row, cancellationToken);
        }
        foreach (var stale in pending.StaleListingRows.Where(stale => stale != article.ListingRowKey))
        {
            await repository.DeleteListingAsync(stale, cancellationToken);
        }
        // Saved by the publisher with the rest of the record once every output is done.
        article.SetOutputState(Name, state);
    }
}
