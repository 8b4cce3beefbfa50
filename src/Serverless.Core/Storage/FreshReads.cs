namespace Serverless.Core.Storage;

/// <summary>
/// One render's reads of the indexes through the <see cref="IndexReadCache"/>: each at least as fresh as the render
/// needs, and the oldest of them remembered, which is when the render's inputs were read (<see cref="OldestRead"/>).
/// </summary>
public sealed class FreshReads(IndexReadCache cache, DateTimeOffset? freshAfter)
{
    private readonly Lock _gate = new();

    /// <summary>When the oldest read used began; null before any.</summary>
    public DateTimeOffset? OldestRead { get; private set; }

    /// <summary>The articles a keyword or tag partition weighs most, heaviest first (<see cref="ArticleIndex.TopArticlesAsync"/>).</summary>
    public async Task<IReadOnlyList<KeywordEntity>> TopArticlesAsync(string partition, int max, CancellationToken cancellationToken) =>
        (IReadOnlyList<KeywordEntity>)await UseAsync(cache.TopArticlesAsync(partition, max, freshAfter, cancellationToken));

    /// <summary>Published articles whose title has this key (<see cref="ArticleIndex.FindTitleAsync"/>).</summary>
    public async Task<IReadOnlyList<TitleEntity>> FindTitleAsync(string titleKey, CancellationToken cancellationToken) =>
        (IReadOnlyList<TitleEntity>)await UseAsync(cache.FindTitleAsync(titleKey, freshAfter, cancellationToken));

    /// <summary>One page of the articles citing a reference key (<see cref="ArticleIndex.FindCitationsPageAsync"/>).</summary>
    public async Task<CitationPage> FindCitationsPageAsync(string referenceKey, string? afterRow, int pageSize, CancellationToken cancellationToken) =>
        (CitationPage)await UseAsync(cache.FindCitationsPageAsync(referenceKey, afterRow, pageSize, freshAfter, cancellationToken));

    /// <summary>The article's neighbours in a tag (<see cref="ArticleRepository.TagNeighboursAsync"/>).</summary>
    public async Task<ListingNeighbours> TagNeighboursAsync(string tagSlug, string rowKey, CancellationToken cancellationToken) =>
        (ListingNeighbours)await UseAsync(cache.TagNeighboursAsync(tagSlug, rowKey, freshAfter, cancellationToken));

    private async Task<object> UseAsync(Task<IndexReadCache.SharedRead> reading)
    {
        var read = await reading;
        lock (_gate)
        {
            if (OldestRead is null || read.ReadAt < OldestRead)
            {
                OldestRead = read.ReadAt;
            }
        }
        return await read.Value;
    }
}
