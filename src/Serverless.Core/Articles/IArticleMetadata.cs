namespace Serverless.Core.Articles;

/// <summary>What pages, share snippets and the API say about an article; held by a parsed article and by its stored record alike.</summary>
public interface IArticleMetadata
{
    string Slug { get; }
    string Title { get; }
    string Description { get; }
    string Language { get; }
    string? Author { get; }
    IReadOnlyList<string> Authors { get; }
    string? AuthorUrl { get; }
    string? AuthorHandle { get; }
    string? AuthorFediverse { get; }
    string? Section { get; }
    DateTimeOffset Published { get; }
    DateTimeOffset Modified { get; }
    DateTimeOffset? Updated { get; }
    IReadOnlyList<string> Tags { get; }
    string? Image { get; }
    string? ImageAlt { get; }
    int WordCount { get; }
    int ReadingMinutes { get; }
}
