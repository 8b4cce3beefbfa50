using Serverless.Core.Storage;

namespace Serverless.Core.Render;

/// <summary>
/// An article whose record now holds its keywords weighed again, its index rows still to follow; <see cref="RendersAgain"/>:
/// its keywords changed, or it is a new article of an import, whose page tells the pages it cites once its rows are written.
/// </summary>
internal sealed record WeighedArticle(ArticleEntity Record, bool RendersAgain);
