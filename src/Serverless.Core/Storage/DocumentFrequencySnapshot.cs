namespace Serverless.Core.Storage;

/// <summary>
/// The document frequencies read whole (<see cref="DocumentFrequencies.ReadWholeAsync"/>): every term's count, the
/// corpus size, and every article's merged and pending counts. Weighing many articles at once (an import's
/// settlement) takes each one's <see cref="TermCounts"/> from it instead of reading them per article.
/// </summary>
public sealed class DocumentFrequencySnapshot(
    IReadOnlyDictionary<string, int> frequencies,
    int corpus,
    IReadOnlyDictionary<string, CountedTermsEntity> merged,
    IReadOnlyDictionary<string, PendingCountsEntity> pending)
{
    public int Corpus => corpus;

    /// <summary>What <see cref="DocumentFrequencies.ReadAsync"/> would read for an article that does not move.</summary>
    public TermCounts For(string slug) => new(frequencies, corpus,
        new ArticleCounts(merged.GetValueOrDefault(TableKeys.CountedTermsRow(slug)), pending.GetValueOrDefault(TableKeys.ForSlug(slug))), MergedAtPreviousSlug: null);
}
