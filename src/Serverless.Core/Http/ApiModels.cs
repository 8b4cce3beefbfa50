namespace Serverless.Core.Http;

/// <summary>An entry of <c>GET /api/articles</c>.</summary>
public sealed record ArticleSummary(string Slug, string Url, string Title, string Description, string Language, string? Author,
    DateTimeOffset Published, DateTimeOffset Modified, string? Image);

public sealed record ArticleListResponse(IReadOnlyList<ArticleSummary> Items, string? ContinuationToken);

/// <summary><c>GET /api/articles/{slug}</c>: everything known about one article, including why its latest upload failed.</summary>
public sealed record ArticleDetails(string Slug, string Url, string Title, string Description, string Language, string? Author,
    DateTimeOffset Published, DateTimeOffset Modified, IReadOnlyList<string> Tags, string? Image, string? ImageAlt,
    int WordCount, int ReadingMinutes, string Status, string? StatusMessage, IReadOnlyList<string> Warnings,
    string SourceBlob, IReadOnlyList<RelatedLinkDetails> RelatedLinks);

/// <summary>An explicit related link; <see cref="Url"/> is null until it points somewhere real.</summary>
public sealed record RelatedLinkDetails(string Title, string? Target, string? ResolvedSlug, string? Url);

/// <summary><c>GET /api/sources</c>: how the latest processing of each uploaded blob went.</summary>
public sealed record SourceDetails(string BlobName, string Status, string? Message, string? Slug, string? Url, IReadOnlyList<string> Warnings, DateTimeOffset ProcessedAt);
