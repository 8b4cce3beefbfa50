namespace Serverless.Core.Search;

/// <summary>
/// What the index holds of one served article: the search output writes it as a blob (<c>docs/{slug}.json</c>) and
/// every index (an instance's, the merged snapshot's) is built from these.
/// </summary>
public sealed record SearchDocument(
    string Slug,
    string Title,
    string Description,
    string Body,
    string Language,
    string? Author,
    IReadOnlyList<string> Tags,
    DateTimeOffset Published);
