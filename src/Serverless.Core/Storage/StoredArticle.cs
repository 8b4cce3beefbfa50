using Serverless.Core.Articles;

namespace Serverless.Core.Storage;

/// <summary>
/// An article as stored: its record (ingest's row) and its outputs' state (rendering's row), read together in one
/// query of its partition. What a page view, an API answer or a render needs.
/// </summary>
public sealed class StoredArticle(ArticleEntity record, ArticleOutputsEntity outputs) : IArticleMetadata
{
    public ArticleEntity Record { get; } = record;

    public ArticleOutputsEntity Outputs { get; } = outputs;

    public string Slug => Record.Slug;

    public ArticleStatus ArticleStatus => Record.ArticleStatus;

    /// <summary>Whether the record is current: published, or failed while an earlier version stays served.</summary>
    public bool IsLive => Record.IsLive;

    /// <summary>Whether readers get the page: a failed republish keeps serving the previous version.</summary>
    public bool IsServed => Outputs.PageBlob is not null && Record.IsLive;

    /// <summary>Whether the served page shows the current record with the current template, nothing left pending.</summary>
    public bool IsCurrent(string renderVersion) =>
        IsServed && Outputs is { Pending: null, RenderFailure: null } && Outputs.RenderVersion == renderVersion && Outputs.RenderedRecordHash == Record.RecordHash;

    public string Title => Record.Title;
    public string Description => Record.Description;
    public string Language => Record.Language;
    public string? Author => Record.Author;
    public IReadOnlyList<string> Authors => Record.Authors;
    public string? AuthorUrl => Record.AuthorUrl;
    public string? AuthorHandle => Record.AuthorHandle;
    public string? AuthorFediverse => Record.AuthorFediverse;
    public string? Section => Record.Section;
    public DateTimeOffset Published => Record.Published;
    public DateTimeOffset Modified => Record.Modified;
    public DateTimeOffset? Updated => Record.Updated;
    public IReadOnlyList<string> Tags => Record.Tags;
    public string? Image => Record.Image;
    public string? ImageAlt => Record.ImageAlt;
    public int WordCount => Record.WordCount;
    public int ReadingMinutes => Record.ReadingMinutes;
}
