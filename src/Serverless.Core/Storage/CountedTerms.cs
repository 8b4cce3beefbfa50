namespace Serverless.Core.Storage;

/// <summary>What an article counts in the document frequencies: its terms, and whether it counts in the corpus size.</summary>
public sealed record CountedTerms(IReadOnlyList<string> Terms, bool InCorpus)
{
    public static CountedTerms None { get; } = new([], false);

    /// <summary>Whether both count the same terms, in whatever order, and the same corpus membership.</summary>
    public bool SameAs(CountedTerms other) =>
        InCorpus == other.InCorpus && Terms.ToHashSet(StringComparer.Ordinal).SetEquals(other.Terms);
}
