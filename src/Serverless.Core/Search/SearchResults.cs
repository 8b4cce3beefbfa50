namespace Serverless.Core.Search;

/// <summary>A page of results, how many articles match in all, and where the next page starts (null on the last).</summary>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int TotalHits, int? NextOffset);
