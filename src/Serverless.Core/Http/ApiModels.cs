namespace Serverless.Core.Http;

/// <summary>An entry of <c>GET /api/articles</c>.</summary>
public sealed record ArticleSummary(string Slug, string Url, string Title, string Description, string Language, string? Author,
    DateTimeOffset Published, DateTimeOffset Modified, string? Image);

public sealed record ArticleListResponse(IReadOnlyList<ArticleSummary> Items, string? ContinuationToken);

/// <summary>
/// <c>GET /api/articles/{slug}</c>: what readers may know about one published article. How its latest upload went
/// (state, message, warnings, blob name) is on <c>GET /api/admin/status</c>.
/// </summary>
/// <param name="SlugSource">Why the article lives at this URL: <c>title</c> (made from it at first publication),
/// <c>frontMatter</c> (set by the author) or <c>published</c> (kept although the title changed since).</param>
/// <param name="Backlinks">The newest articles citing this one, newest first.</param>
/// <param name="MoreBacklinks">How many other articles cite it.</param>
public sealed record ArticleDetails(string Slug, string Url, string Title, string Description, string Language, string? Author,
    DateTimeOffset Published, DateTimeOffset Modified, IReadOnlyList<string> Tags, string? Image, string? ImageAlt,
    int WordCount, int ReadingMinutes, IReadOnlyList<LinkDetails> Links, IReadOnlyList<BacklinkDetails> Backlinks, int MoreBacklinks, string SlugSource);

/// <summary>
/// A link of the article as last rendered: <c>explicit</c> (written by the author, in "read also" or in the body) or
/// <c>computed</c> (suggested, with its <see cref="Score"/>). <see cref="Slug"/> and <see cref="Url"/> are null until it
/// resolves to a published article (a link to another site has a URL and no slug).
/// </summary>
public sealed record LinkDetails(string Kind, string Placement, string Title, string? Slug, string? Url, bool Resolved, double? Score);

/// <summary>An article that cites this one.</summary>
public sealed record BacklinkDetails(string Slug, string Title, string Url);

/// <summary>The answer to Event Grid's subscription validation handshake.</summary>
public sealed record SubscriptionValidationResponse(string ValidationResponse);

/// <summary><c>GET /oembed</c>: an oEmbed 1.0 <c>link</c> answer (snake_case names, as the specification spells them).</summary>
public sealed record OembedResponse(
    string Type, string Version, string Title,
    [property: System.Text.Json.Serialization.JsonPropertyName("author_name")] string AuthorName,
    [property: System.Text.Json.Serialization.JsonPropertyName("author_url")] string? AuthorUrl,
    [property: System.Text.Json.Serialization.JsonPropertyName("provider_name")] string ProviderName,
    [property: System.Text.Json.Serialization.JsonPropertyName("provider_url")] string ProviderUrl,
    [property: System.Text.Json.Serialization.JsonPropertyName("cache_age")] int? CacheAge,
    [property: System.Text.Json.Serialization.JsonPropertyName("thumbnail_url")] string ThumbnailUrl,
    [property: System.Text.Json.Serialization.JsonPropertyName("thumbnail_width")] int? ThumbnailWidth,
    [property: System.Text.Json.Serialization.JsonPropertyName("thumbnail_height")] int? ThumbnailHeight);
