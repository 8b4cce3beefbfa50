namespace Serverless.Core.Search;

/// <summary>One result: the article, its score (relevance × recency), and a snippet of its text as HTML with the matched words in &lt;mark&gt;.</summary>
public sealed record SearchHit(string Slug, string Title, string Description, string Language, DateTimeOffset Published, float Score, string SnippetHtml);
