namespace Serverless.Core.Search;

/// <summary>A match, its final score and its date (ticks).</summary>
internal readonly record struct RankedDocument(int Doc, float Score, long Published)
{
    /// <summary>Lower score first, then older first, then the later document: the heap's top is the one to drop.</summary>
    public static IComparer<RankedDocument> WorstFirst { get; } = Comparer<RankedDocument>.Create((a, b) =>
        a.Score != b.Score ? a.Score.CompareTo(b.Score) : a.Published != b.Published ? a.Published.CompareTo(b.Published) : b.Doc.CompareTo(a.Doc));
}
