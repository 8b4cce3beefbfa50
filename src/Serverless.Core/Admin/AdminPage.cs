
namespace Serverless.Core.Admin;

/// <summary>
/// A page of an admin listing (<c>sources</c>, <c>failures</c>): pass <see cref="ContinuationToken"/> back as
/// <c>continuationToken</c> for the next; null (left out of the JSON) on the last page. A page may hold fewer items than asked for, none even,
/// and still not be the last.
/// </summary>
public sealed record AdminPage<T>(IReadOnlyList<T> Items, string? ContinuationToken);
