namespace Serverless.Core.Storage;

/// <summary>The index rows that stand for one article, by table: what the next update must replace.</summary>
public sealed record IndexState(IReadOnlyList<IndexRow> Rows, IReadOnlyList<string> CountedTerms, bool InCorpus)
{
    public static IndexState Empty { get; } = new([], [], false);
}
