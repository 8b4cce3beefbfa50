namespace Serverless.Core.Storage;

/// <summary>
/// A render-queue request to weigh again the keywords of the articles weighed in <see cref="Generation"/> (a
/// <see cref="Linking.RelatedArticles.Generation">step of corpus size</see>), those after the slug <see cref="After"/>,
/// one page at a time: the message that handles a page asks for the next one, then for the next generation due.
/// A chain started while the corpus grows waits for it to settle first: <see cref="CorpusWhenAsked"/> and
/// <see cref="AskedAt"/> say how large it was when last looked at, and since when the chain has waited.
/// </summary>
public sealed record KeywordReweighing(int Generation, string? After = null, int? CorpusWhenAsked = null, DateTimeOffset? AskedAt = null)
{
    /// <summary>
    /// Starts the chain from the oldest generation: sent by the merge of document frequencies with which the corpus
    /// enters a new generation. One lost to a crash is made up by the next one, which walks every generation due.
    /// </summary>
    public static KeywordReweighing FromOldest { get; } = new(0);

    /// <summary>
    /// <see cref="FromOldest"/>, once the corpus of <paramref name="corpus"/> articles stops growing: an archive import
    /// doubles it again and again, and weighing its articles at each step would weigh most of them several times, each
    /// time rendering their pages again, where one pass once it settles weighs each at most once.
    /// </summary>
    public static KeywordReweighing FromOldestOnceSettled(int corpus, DateTimeOffset now) => new(0, CorpusWhenAsked: corpus, AskedAt: now);

    internal bool IsValid => Generation is >= 0 and < 100 && (After is null || Parsing.Slugs.IsValid(After))
        && (CorpusWhenAsked is null) == (AskedAt is null) && CorpusWhenAsked is null or >= 0;
}
