namespace Serverless.Core.Search;

/// <summary>
/// The recency boost: relevance × (1 + 2^(−age / 30 days)). A story of today counts twice its relevance, one of a
/// month ago 1.5 times, one of a year ago barely more than once. News readers mostly want the latest telling of a
/// story, so a fresh article that matches half as well ties an old one; but the boost never falls below 1, so an old
/// article that matches much better still comes first and archives stay findable (a decay to zero would bury them).
/// Ties go to the newer article.
/// </summary>
public static class SearchRecency
{
    public static readonly TimeSpan HalfLife = TimeSpan.FromDays(30);

    public static float Boost(long publishedTicks, long nowTicks)
    {
        var ageDays = Math.Max(0, (nowTicks - publishedTicks) / (double)TimeSpan.TicksPerDay);
        return (float)(1 + Math.Pow(2, -ageDays / HalfLife.TotalDays));
    }
}
