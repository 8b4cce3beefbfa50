namespace Serverless.Core.Articles;

/// <summary>An article as parsed from its source, before it is stored.</summary>
public sealed record Article : IArticleMetadata
{
    public required string Title { get; init; }
    public required string Slug { get; init; }
    public required string Description { get; init; }
    public required string Language { get; init; }
    public string? Author { get; init; }
    public required DateTimeOffset Published { get; init; }
    public required DateTimeOffset Modified { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Image { get; init; }
    public string? ImageAlt { get; init; }
    public bool Draft { get; init; }
    public required int WordCount { get; init; }
    public int ReadingMinutes => Math.Max(1, (int)Math.Ceiling(WordCount / WordsPerMinute));
    public required string BodyHtml { get; init; }
    public IReadOnlyList<RelatedLink> RelatedLinks { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>A common reading speed for news prose; used only for the "n min read" hint.</summary>
    public const double WordsPerMinute = 200;
}

/// <summary>An explicit "read also" link. <see cref="Target"/> is null for CMS placeholders (<c>#</c>) that are resolved by title later.</summary>
public sealed record RelatedLink(string Title, string? Target)
{
    /// <summary>The title reduced to what identifies it: see <see cref="Parsing.TitleKey"/>.</summary>
    public string TitleKey { get; } = Parsing.TitleKey.From(Title);
}

/// <summary>Where an article stands after its latest processing.</summary>
public enum ArticleStatus
{
    /// <summary>The current version is rendered and served.</summary>
    Published,
    /// <summary>The latest upload could not be published; the previous version, if any, is still served.</summary>
    Failed,
    /// <summary>Marked <c>draft: true</c>: stored, not served.</summary>
    Draft,
    /// <summary>The source blob was deleted: answered with 410 Gone.</summary>
    Deleted,
    /// <summary>The source now publishes under another slug: answered with 301.</summary>
    Moved,
}
