using Serverless.Core.Storage;

namespace Serverless.Core.Render;

/// <summary>An article whose record now holds its keywords weighed again, its index rows still to follow; <see cref="Changed"/>: its keywords did.</summary>
internal sealed record WeighedArticle(ArticleEntity Record, bool Changed);
