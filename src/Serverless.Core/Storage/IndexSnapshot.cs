namespace Serverless.Core.Storage;

/// <summary>
/// The indexes a render reads (titles, citations, keyword and tag partitions, tag neighbours) read whole at one
/// instant, answering each lookup as its query would have then. Read once by the settlement of an import before it
/// lets the held renders go (<c>Render.ImportSettlement</c>), it serves the index reads of a thousand renders with a
/// few dozen queries of 1,000 rows, where each render would make eight or more (<see cref="IndexReadCache"/> uses it
/// for the renders it is fresh enough for). A table with more rows than the bound is not held: its lookups go to it.
/// </summary>
public sealed class IndexSnapshot
{
    private readonly SnapshotPartitions<TitleEntity>? _titles;
    private readonly SnapshotPartitions<CitationEntity>? _citations;
    private readonly SnapshotPartitions<KeywordEntity>? _keywords;
    private readonly SnapshotPartitions<KeywordEntity>? _tags;
    private readonly SnapshotPartitions<ListingEntity>? _neighbours;

    private IndexSnapshot(DateTimeOffset readAt, SnapshotPartitions<TitleEntity>? titles, SnapshotPartitions<CitationEntity>? citations,
        SnapshotPartitions<KeywordEntity>? keywords, SnapshotPartitions<KeywordEntity>? tags, SnapshotPartitions<ListingEntity>? neighbours)
    {
        ReadAt = readAt;
        _titles = titles;
        _citations = citations;
        _keywords = keywords;
        _tags = tags;
        _neighbours = neighbours;
    }

    /// <summary>When the reads began (on this instance's clock): every write made before shows in it.</summary>
    public DateTimeOffset ReadAt { get; }

    /// <summary>Rows held, every table together.</summary>
    public int Rows => (_titles?.Count ?? 0) + (_citations?.Count ?? 0) + (_keywords?.Count ?? 0) + (_tags?.Count ?? 0) + (_neighbours?.Count ?? 0);

    /// <summary>
    /// Reads the indexes whole, each table (or range of partitions) up to <paramref name="maxRows"/> rows: one larger is
    /// left out after reading that many. <paramref name="readAt"/> is now, before the first request.
    /// </summary>
    public static async Task<IndexSnapshot> ReadAsync(ArticleIndex index, int maxRows, DateTimeOffset readAt, CancellationToken cancellationToken)
    {
        var titles = index.ReadWholeAsync<TitleEntity>(IndexTable.Titles, partitionPrefix: null, maxRows, cancellationToken);
        var citations = index.ReadWholeAsync<CitationEntity>(IndexTable.Citations, partitionPrefix: null, maxRows, cancellationToken);
        var keywords = index.ReadWholeAsync<KeywordEntity>(IndexTable.Keywords, TableKeys.KeywordPartition(""), maxRows, cancellationToken);
        var tags = index.ReadWholeAsync<KeywordEntity>(IndexTable.Keywords, TableKeys.TagPartition(""), maxRows, cancellationToken);
        var neighbours = index.ReadWholeAsync<ListingEntity>(IndexTable.Keywords, TableKeys.NeighbourPartition(""), maxRows, cancellationToken);
        return new IndexSnapshot(readAt, Held(await titles), Held(await citations), Held(await keywords), Held(await tags), Held(await neighbours));

        static SnapshotPartitions<T>? Held<T>(IReadOnlyList<T>? rows) where T : Azure.Data.Tables.ITableEntity => rows is null ? null : new SnapshotPartitions<T>(rows);
    }

    /// <summary><see cref="ArticleIndex.FindTitleAsync"/> as it answered then; null when the titles are not held.</summary>
    public IReadOnlyList<TitleEntity>? FindTitle(string titleKey) => _titles?.Rows(titleKey).Take(ArticleIndex.MaxTitlesRead).ToList();

    /// <summary><see cref="ArticleIndex.FindCitationsPageAsync"/> as it answered then; null when the citations are not held.</summary>
    public CitationPage? FindCitationsPage(string referenceKey, string? afterRow, int pageSize) => _citations is null
        ? null
        : CitationPage.Of([.. _citations.Rows(referenceKey).Where(row => afterRow is null || string.CompareOrdinal(row.RowKey, afterRow) > 0).Take(pageSize + 1)], pageSize);

    /// <summary><see cref="ArticleIndex.TopArticlesAsync"/> as it answered then; null when the partition's range is not held.</summary>
    public IReadOnlyList<KeywordEntity>? TopArticles(string partition, int max)
    {
        var held = partition.StartsWith(TableKeys.KeywordPartition(""), StringComparison.Ordinal) ? _keywords
            : partition.StartsWith(TableKeys.TagPartition(""), StringComparison.Ordinal) ? _tags
            : null;
        return held?.Rows(partition).Where(row => string.CompareOrdinal(row.RowKey, TableKeys.KeywordRowsEnd) < 0).Take(max).ToList();
    }

    /// <summary>
    /// <see cref="ArticleRepository.TagNeighboursAsync"/> as it answered then: the rows just older (next in RowKey order)
    /// and just newer (previous) than <paramref name="rowKey"/>; null when the neighbour partitions are not held.
    /// </summary>
    public ListingNeighbours? TagNeighbours(string tagSlug, string rowKey)
    {
        if (_neighbours is null)
        {
            return null;
        }
        var rows = _neighbours.Rows(TableKeys.NeighbourPartition(tagSlug));
        return new ListingNeighbours(rows.FirstOrDefault(row => string.CompareOrdinal(row.RowKey, rowKey) > 0),
            rows.LastOrDefault(row => string.CompareOrdinal(row.RowKey, rowKey) < 0));
    }
}
