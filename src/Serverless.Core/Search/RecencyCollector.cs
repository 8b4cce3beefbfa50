using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Serverless.Core.Search;

/// <summary>
/// Collects the best <c>size</c> matches by relevance × <see cref="SearchRecency.Boost"/>, ties to the newer article:
/// each match's BM25 score is boosted as it is collected, so the order is exact over every match, not a re-ranking of a
/// first cut.
/// </summary>
internal sealed class RecencyCollector(int size, long nowTicks) : ICollector
{
    private readonly PriorityQueue<RankedDocument, RankedDocument> _best = new(Math.Min(size + 1, 1024), RankedDocument.WorstFirst);
    private Scorer? _scorer;
    private NumericDocValues? _published;
    private int _docBase;

    public int TotalHits { get; private set; }

    public bool AcceptsDocsOutOfOrder => true;

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void SetNextReader(AtomicReaderContext context)
    {
        _docBase = context.DocBase;
        _published = context.AtomicReader.GetNumericDocValues(SearchFields.PublishedValues);
    }

    public void Collect(int doc)
    {
        TotalHits++;
        var published = _published?.Get(doc) ?? 0;
        var ranked = new RankedDocument(_docBase + doc, _scorer!.GetScore() * SearchRecency.Boost(published, nowTicks), published);
        if (size == 0)
        {
            return;
        }
        if (_best.Count < size)
        {
            _best.Enqueue(ranked, ranked);
        }
        else if (RankedDocument.WorstFirst.Compare(ranked, _best.Peek()) > 0)
        {
            _best.EnqueueDequeue(ranked, ranked);
        }
    }

    /// <summary>The documents kept, best first.</summary>
    public IReadOnlyList<RankedDocument> Best()
    {
        var best = new List<RankedDocument>(_best.Count);
        while (_best.TryDequeue(out var ranked, out _))
        {
            best.Add(ranked);
        }
        best.Reverse();
        return best;
    }
}
