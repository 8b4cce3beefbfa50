namespace Serverless.Core.Storage;

/// <summary>
/// A render-queue request to weigh again the keywords of the articles weighed in <see cref="Generation"/> (a
/// <see cref="Linking.RelatedArticles.Generation">step of corpus size</see>), those after the slug <see cref="After"/>,
/// one page at a time: the message that handles a page asks for the next one, then for the next generation due.
/// </summary>
public sealed record KeywordReweighing(int Generation, string? After = null)
{
    /// <summary>
    /// Starts the chain from the oldest generation: sent by the merge of document frequencies with which the corpus
    /// enters a new generation. One lost to a crash is made up by the next one, which walks every generation due.
    /// </summary>
    public static KeywordReweighing FromOldest { get; } = new(0);

    internal bool IsValid => Generation is >= 0 and < 100 && (After is null || Parsing.Slugs.IsValid(After));
}
