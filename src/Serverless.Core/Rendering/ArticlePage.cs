using Serverless.Core.Articles;

namespace Serverless.Core.Rendering;

/// <summary>A link as a page shows it: with an address, or as plain text when it leads nowhere yet.</summary>
public sealed record PageLink(string Title, string? Href);

/// <summary>
/// Everything one article page is rendered from: the record, the address each body link resolves to (null: shown as
/// text), the "read also" list (explicit links first, then computed ones) and the articles that cite this one.
/// </summary>
public sealed record ArticlePage(IArticleMetadata Article, string BodyHtml, IReadOnlyList<string?> BodyLinkHrefs, IReadOnlyList<PageLink> ReadAlso, IReadOnlyList<PageLink> CitedIn)
{
    /// <summary>The article's own image as resolved at render time; null shares the generated card (or the site's default image).</summary>
    public ShareImage? Image { get; init; }

    /// <summary>The front matter's uploaded image once published, shown above the text; null when there is none.</summary>
    public Linking.PublishedImage? LeadImage { get; init; }

    /// <summary>How many articles cite this one besides those <see cref="CitedIn"/> lists (the newest).</summary>
    public int CitedInOthers { get; init; }

    /// <summary>The fediverse:creator handle: the front matter's, else the first author's profile file's; null when neither gives one.</summary>
    public string? AuthorFediverse { get; init; }

    /// <summary>The articles before and after this one in its first tag; null when it has none.</summary>
    public TagNeighbours? Neighbours { get; init; }

    /// <summary>The published image behind each image marker of the body (null, or missing: shown as its alt text); see <see cref="Linking.BodyImages"/>.</summary>
    public IReadOnlyList<Linking.PublishedImage?> BodyImages { get; init; } = [];

    /// <summary>Replies from the fediverse shown under the article (<see cref="ActivityPub.ReplySection"/>).</summary>
    public ActivityPub.ShownReplies Replies { get; init; } = ActivityPub.ShownReplies.None;

    /// <summary>The page of an article on its own, before any of its links is resolved: internal links show as text.</summary>
    public static ArticlePage Standalone(Article article) => new(article, article.BodyHtml, [.. article.Links.Select(_ => (string?)null)],
        [.. article.Links.Where(link => link.Placement == LinkPlacement.ReadAlso && link.Title.Length > 0).Select(link => new PageLink(link.Title, link.Target))],
        []) { AuthorFediverse = article.AuthorFediverse };
}
