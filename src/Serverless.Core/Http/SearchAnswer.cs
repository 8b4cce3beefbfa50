namespace Serverless.Core.Http;

/// <summary>The API's answer to a search: a page of results, how many match in all, and the token of the next page (none on the last).</summary>
public sealed record SearchAnswer(IReadOnlyList<SearchAnswerItem> Items, int Total, string? ContinuationToken);

/// <summary>One result: the article, its date, its score (relevance × recency) and its snippet (HTML, matched words in &lt;mark&gt;).</summary>
public sealed record SearchAnswerItem(string Slug, string Url, string Title, DateTimeOffset Date, float Score, string Snippet);
