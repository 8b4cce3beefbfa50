namespace Serverless.Core.Storage;

/// <summary>
/// One article's place in the document frequencies, as read: what they hold for it (<see cref="Merged"/>) and what it
/// counts but is not merged yet (<see cref="Pending"/>).
/// </summary>
public sealed record ArticleCounts(CountedTermsEntity? Merged, PendingCountsEntity? Pending)
{
    /// <summary>
    /// What the document frequencies hold for the article: its merged row; without one, the base of its pending counts;
    /// else what its record says (an article counted before either row existed, or never).
    /// </summary>
    public CountedTerms MergedBy(IndexState recorded) =>
        Merged?.Counted ?? Pending?.Base ?? new CountedTerms(recorded.CountedTerms, recorded.InCorpus);

    /// <summary>What the article counts once everything pending is merged.</summary>
    public CountedTerms DeclaredBy(IndexState recorded) => Pending?.Counted ?? MergedBy(recorded);
}
