using Serverless.Core.Storage;

namespace Serverless.Core.Render;

/// <summary>
/// An article whose record now holds its keywords weighed again, its index rows still to follow; <see cref="Changed"/>:
/// its keywords did; <see cref="WrittenAt"/>: when its record was last written before (by its ingest, storage's clock).
/// </summary>
internal sealed record WeighedArticle(ArticleEntity Record, bool Changed, DateTimeOffset? WrittenAt);
