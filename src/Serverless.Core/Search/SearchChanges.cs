using Serverless.Core.Storage;

namespace Serverless.Core.Search;

/// <summary>
/// Brings an index in line with the changes of some articles: each is applied from its newest change among those read,
/// with the document that change holds, or else its stored document, read (16 at a time) and upserted, or deleted when
/// it has none.
/// </summary>
public static class SearchChanges
{
    /// <param name="slugs">The articles to apply.</param>
    /// <param name="changes">The changes read, among which each article's newest is found (a change applied before may
    /// be newer than one that landed late: the newest wins, never the last to land).</param>
    public static async Task ApplyAsync(SearchIndex index, IReadOnlyCollection<string> slugs, IReadOnlyList<SearchChangeEntity> changes, SearchStore store,
        CancellationToken cancellationToken)
    {
        var newest = changes.GroupBy(change => change.Slug, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.MaxBy(change => change.RowKey, StringComparer.Ordinal)!, StringComparer.Ordinal);
        await Parallel.ForEachAsync(slugs, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (slug, token) =>
        {
            var held = newest.TryGetValue(slug, out var change) && change.Document is { } json ? Json.Read<SearchDocument>(json) : null;
            if ((held ?? await store.ReadDocumentAsync(slug, token)) is { } document)
            {
                index.Upsert(document);
            }
            else
            {
                index.Delete(slug);
            }
        });
    }
}
