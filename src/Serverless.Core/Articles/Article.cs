namespace Serverless.Core.Articles;

/// <summary>An article as parsed from its source: the render-ready record that ingest stores.</summary>
public sealed record Article : IArticleMetadata
{
    public required string Title { get; init; }
    public required string Slug { get; init; }

    /// <summary>Where <see cref="Slug"/> comes from: a slug the author set moves a published article; one made from the title does not.</summary>
    public SlugSource SlugSource { get; init; } = SlugSource.Title;
    public required string Description { get; init; }
    public required string Language { get; init; }
    /// <summary>The byline as one text (the names joined), for feeds, the API and meta tags; <see cref="Authors"/> lists them.</summary>
    public string? Author { get; init; }

    /// <summary>Each author, as written (front matter <c>authors</c>, or <c>author</c>): the page links each to its author page.</summary>
    public IReadOnlyList<string> Authors
    {
        get => _authors.Count > 0 ? _authors : Author is { Length: > 0 } author ? [author] : [];
        init => _authors = value;
    }

    private readonly IReadOnlyList<string> _authors = [];

    /// <summary>The author's page (front matter <c>author_url</c>): article:author and the JSON-LD Person's url.</summary>
    public string? AuthorUrl { get; init; }

    /// <summary>The author's X handle with its @ (front matter <c>author_x</c>): twitter:creator.</summary>
    public string? AuthorHandle { get; init; }

    /// <summary>The author's fediverse handle, @name@server (front matter <c>author_fediverse</c>): fediverse:creator.</summary>
    public string? AuthorFediverse { get; init; }

    /// <summary>Front matter <c>section</c>, else the first tag: article:section.</summary>
    public string? Section { get; init; }
    public required DateTimeOffset Published { get; init; }

    /// <summary>
    /// Whether <see cref="Published"/> is the author's (front matter <c>date</c>) rather than the upload's creation time:
    /// storage gives that to the second, so an author's date of the same second cannot be told from it by value.
    /// Read by ingest's decisions only (an embargo lifts to the second of the author's date) and stored nowhere: outside the
    /// parser's output that records are made from (PipelineVersion.Parser), so a new parser version would remake nothing.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool DatedByAuthor { get; init; }

    public required DateTimeOffset Modified { get; init; }

    /// <summary>
    /// When the article was updated after publication, as the page says ("Updated …"): front matter <c>updated</c>, or
    /// the upload that replaced the blob first published; null for an article never changed since.
    /// </summary>
    public DateTimeOffset? Updated { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Image { get; init; }
    public string? ImageAlt { get; init; }

    /// <summary>The blob path of the front matter <c>image:</c> when it names a file uploaded beside the article (then <see cref="Image"/> is null).</summary>
    public string? ImagePath { get; init; }

    /// <summary>Images of the body uploaded beside the article, in order: marked in <see cref="BodyHtml"/> (see <see cref="Linking.BodyImages"/>) and resolved when the page is rendered.</summary>
    public IReadOnlyList<ArticleImage> Images { get; init; } = [];

    public bool Draft { get; init; }
    public required int WordCount { get; init; }
    public int ReadingMinutes => Math.Max(1, (int)Math.Ceiling(WordCount / WordsPerMinute));

    /// <summary>The body's HTML fragment. Links to other articles are marked (see <see cref="Linking.BodyLinks"/>) and resolved when the page is rendered.</summary>
    public required string BodyHtml { get; init; }

    /// <summary>Every link to another article: the "read also" entries first, then the links in the body, in order.</summary>
    public IReadOnlyList<ArticleLink> Links { get; init; } = [];

    /// <summary>The article's most frequent meaningful terms (title words counted thrice), the input of computed relatedness.</summary>
    public IReadOnlyDictionary<string, int> Terms { get; init; } = new Dictionary<string, int>();

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>A common reading speed for news prose; used only for the "n min read" hint.</summary>
    public const double WordsPerMinute = 200;
}

/// <summary>An image of the body that names a file uploaded beside the article, by its blob path.</summary>
public sealed record ArticleImage(string Path, string Alt);

/// <summary>Where a link to another article appears.</summary>
public enum LinkPlacement
{
    /// <summary>An entry of the "A lire aussi" block or of front matter <c>related:</c>.</summary>
    ReadAlso,

    /// <summary>A link in the body text.</summary>
    Inline,
}

/// <summary>
/// A link an author made to another article. <see cref="Keys"/> say how to find the target, in resolution order
/// (slug, then blob path, then title: see <see cref="Linking.ReferenceKeys"/>); a link with no key is external and kept as
/// written in <see cref="Target"/>.
/// </summary>
/// <param name="Title">The text the author gave; empty for a front matter slug or path, which shows the target's title.</param>
public sealed record ArticleLink(string Title, string? Target, LinkPlacement Placement, IReadOnlyList<string> Keys)
{
    public bool IsExternal => Keys.Count == 0;
}

/// <summary>Where an article's slug, and so its URL, comes from.</summary>
public enum SlugSource
{
    /// <summary>Made from the title (or, lacking letters there, from the file name) at first publication.</summary>
    Title,

    /// <summary>Front matter <c>slug:</c>: the author chose the URL, and changing it moves the article.</summary>
    FrontMatter,

    /// <summary>
    /// The URL the article was first published at, kept although its title now makes another: a corrected headline
    /// does not break shared links or re-render the pages citing it by URL.
    /// </summary>
    Published,
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
