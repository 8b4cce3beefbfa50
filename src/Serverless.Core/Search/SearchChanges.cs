namespace Serverless.Core.Search;

/// <summary>Brings an index in line with the stored documents of some articles: each is read (16 at a time) and upserted, or deleted when it has none.</summary>
public static class SearchChanges
{
    public static async Task ApplyAsync(SearchIndex index, IReadOnlyCollection<string> slugs, SearchStore store, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(slugs, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (slug, token) =>
        {
            if (await store.ReadDocumentAsync(slug, token) is { } document)
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
