using Serverless.Core.Storage;

namespace Serverless.Core.Render.Outputs;

/// <summary>
/// The article's row in the newest-first listing, in its month's partition: written once its page is served and
/// whenever what it shows changes, moved when its date changes, removed with it. A render that changes nothing the
/// listing shows (a related article came or went) writes nothing: the listing's partitions take writes only from real
/// changes. Its state says where the row is and what it shows (<c>m2026-12:fingerprint</c>); a bare fingerprint was
/// written before months, when the row was in the legacy partition: the first render since moves it there from.
/// </summary>
public sealed class ListingOutput(ArticlesByDate listing) : IArticleOutput
{
    public string Name => "listing";

    public async Task<string?> ApplyAsync(StoredArticle article, string? previous, PendingWork pending, CancellationToken cancellationToken)
    {
        var listingRow = article.Outputs.ListingRowKey;
        var row = article.IsServed && listingRow is not null ? ListingEntity.For(article, listingRow) : null;
        var state = row is null ? null : row.PartitionKey + ":" + row.Fingerprint();
        if (row is not null && state != previous)
        {
            await listing.UpsertAsync(row, cancellationToken);
        }
        foreach (var stale in pending.StaleListingRows.Where(stale => stale != listingRow))
        {
            await listing.DeleteAsync(stale, cancellationToken);
        }
        if (previous is not null && !previous.Contains(':', StringComparison.Ordinal))
        {
            // Listed before months: the rows it had are in the legacy partition, taken out once the month's is written.
            foreach (var legacy in pending.StaleListingRows.Append(listingRow).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                await listing.DeleteLegacyAsync(legacy, cancellationToken);
            }
        }
        return state;
    }
}
