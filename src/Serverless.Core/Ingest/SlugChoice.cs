using Serverless.Core.Storage;

namespace Serverless.Core.Ingest;

/// <summary>
/// Where an upload publishes: the slug (null when the wanted slug and all its numbered forms are taken), the record
/// read at it (null when free), and the blob holding the wanted slug when a numbered form was chosen instead.
/// </summary>
public sealed record SlugChoice(string? Slug, ArticleEntity? Existing, string? Holder);
