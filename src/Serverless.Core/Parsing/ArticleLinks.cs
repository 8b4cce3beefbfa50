using Serverless.Core.Articles;

namespace Serverless.Core.Parsing;

/// <summary>What an article links to: other articles (the "read also" entries first, then the body's links, in order) and the images uploaded beside it.</summary>
internal sealed record ArticleLinks(List<ArticleLink> Links, List<ArticleImage> Images);
