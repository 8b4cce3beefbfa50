namespace Serverless.Core.Http;

/// <summary>One result: the article, its date, its score (relevance × recency) and its snippet (HTML, matched words in &lt;mark&gt;).</summary>
public sealed record SearchAnswerItem(string Slug, string Url, string Title, DateTimeOffset Date, float Score, string Snippet);
