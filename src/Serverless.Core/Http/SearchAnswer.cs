namespace Serverless.Core.Http;

/// <summary>The API's answer to a search: a page of results, how many match in all, and the token of the next page (none on the last).</summary>
public sealed record SearchAnswer(IReadOnlyList<SearchAnswerItem> Items, int Total, string? ContinuationToken);
