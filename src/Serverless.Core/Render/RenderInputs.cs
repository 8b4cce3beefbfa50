using System.Security.Cryptography;
using System.Text;
using Serverless.Core.Articles;
using Serverless.Core.Linking;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Render;

/// <summary>
/// What one article's page depends on besides its own record: where each of its links leads now, which articles
/// cite it, and which are related to it. Gathered from the indexes with a bounded number of reads, whatever the corpus.
/// </summary>
public sealed record RenderInputs(IReadOnlyList<LinkTarget> Targets, IReadOnlyList<Backlink> Backlinks, IReadOnlyList<RelatedCandidate> Related)
{
    /// <summary>"Cited in" entries kept per page: the newest; the page counts the others.</summary>
    public const int MaxBacklinks = 50;

    /// <summary>How many articles cite this one beyond <see cref="Backlinks"/>.</summary>
    public int MoreBacklinks { get; init; }

    /// <summary>
    /// The best-scoring related articles (up to <see cref="Ingest.ArticleIngester.MaxRelatedRenders"/>, explicit links
    /// included): the pages offered the article when it changed. Not an input of the page.
    /// </summary>
    public IReadOnlyList<RelatedCandidate> Offers { get; init; } = [];

    /// <summary>The uploaded images the page shows that are published, by blob path; one not here is left out, with a warning.</summary>
    public IReadOnlyDictionary<string, PublishedImage> Media { get; init; } = new Dictionary<string, PublishedImage>();

    /// <summary>The fediverse handle of the first author's profile file, read when the front matter gives none.</summary>
    public string? ProfileFediverse { get; init; }

    /// <summary>The articles before and after this one in its first tag (null: it has none).</summary>
    public TagNeighbours? Neighbours { get; init; }

    /// <summary>Replies from the fediverse the page shows (none unless <c>ActivityPub:ShowReplies</c>).</summary>
    public ActivityPub.ShownReplies Replies { get; init; } = ActivityPub.ShownReplies.None;

    /// <summary>When the oldest index read the inputs came from began, if it was shared with other renders; not an input of the page.</summary>
    public DateTimeOffset? SharedReadAt { get; init; }

    /// <summary>Identifies the inputs that show on the page: a page rendered from the same hash is the same page.</summary>
    public string Hash(string renderVersion, string recordHash)
    {
        var text = new StringBuilder(renderVersion).Append('\n').Append(recordHash).Append('\n');
        foreach (var target in Targets)
        {
            text.Append("L ").Append(target.Slug).Append(' ').Append(target.Title).Append(' ').Append(target.Warning).Append('\n');
        }
        foreach (var backlink in Backlinks)
        {
            text.Append("B ").Append(backlink.Slug).Append(' ').Append(backlink.Title).Append('\n');
        }
        text.Append("B+ ").Append(MoreBacklinks).Append('\n');
        foreach (var candidate in Related)
        {
            text.Append("R ").Append(candidate.Slug).Append(' ').Append(candidate.Title).Append('\n');
        }
        text.Append("F ").Append(ProfileFediverse).Append('\n');
        if (Neighbours is { } neighbours)
        {
            text.Append("P ").Append(neighbours.Previous?.Href).Append(' ').Append(neighbours.Previous?.Title).Append('\n');
            text.Append("N ").Append(neighbours.Next?.Href).Append(' ').Append(neighbours.Next?.Title).Append('\n');
        }
        foreach (var (path, image) in Media.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            text.Append("M ").Append(path).Append(' ').Append(image.Url).Append(' ').Append(image.Width).Append('x').Append(image.Height).Append('\n');
        }
        ActivityPub.ReplySection.AppendHashInput(text, Replies);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    /// <summary>The page: resolved body links point to their article, unresolved ones are text; explicit "read also" first, then computed.</summary>
    public ArticlePage Page(ArticleEntity article, string bodyHtml, SiteUrls urls)
    {
        var links = article.Links;
        var hrefs = links.Select((link, index) => Targets[index].Slug is { } slug ? ArticlePath(slug) : link.IsExternal ? link.Target : null).ToList();
        var readAlso = new List<PageLink>();
        var shown = new HashSet<string>(StringComparer.Ordinal) { article.Slug };
        for (var index = 0; index < links.Count; index++)
        {
            var (link, target) = (links[index], Targets[index]);
            if (link.Placement != LinkPlacement.ReadAlso)
            {
                continue;
            }
            if (target.Slug is { } slug)
            {
                if (shown.Add(slug))
                {
                    readAlso.Add(new PageLink(target.Title!, ArticlePath(slug)));
                }
            }
            else if (link.Title.Length > 0)
            {
                readAlso.Add(new PageLink(link.Title, link.Target));
            }
        }
        readAlso.AddRange(Related.Where(candidate => shown.Add(candidate.Slug)).Take(RelatedArticles.MaxShown)
            .Select(candidate => new PageLink(candidate.Title, ArticlePath(candidate.Slug))));
        var images = article.Images;
        return new ArticlePage(article, bodyHtml, hrefs, readAlso, [.. Backlinks.Select(backlink => new PageLink(backlink.Title, ArticlePath(backlink.Slug)))])
        {
            CitedInOthers = MoreBacklinks,
            BodyImages = [.. images.Select(image => Media.GetValueOrDefault(image.Path))],
            Image = ShareImageOf(article, images, urls),
            LeadImage = article.ImagePath is { } leadPath ? Media.GetValueOrDefault(leadPath) : null,
            Neighbours = Neighbours,
            AuthorFediverse = article.AuthorFediverse ?? ProfileFediverse,

            Replies = Replies,
        };
    }

    /// <summary>
    /// The image the page shares: the front matter's (uploaded, with its size and type, or a URL), else the first
    /// published image of the body, which is what a reader sees first; null when there is none.
    /// </summary>
    private ShareImage? ShareImageOf(ArticleEntity article, IReadOnlyList<ArticleImage> images, SiteUrls urls)
    {
        if (article.ImagePath is { } path)
        {
            return Media.TryGetValue(path, out var image) ? image.ShareImage(article.ImageAlt ?? string.Empty) : null;
        }
        if (article.Image is { Length: > 0 } url)
        {
            return new ShareImage(urls.Absolute(url), null, null, null, article.ImageAlt ?? string.Empty);
        }
        return images.Select(body => Media.TryGetValue(body.Path, out var image) ? image.ShareImage(body.Alt) : null)
            .FirstOrDefault(image => image is not null);
    }

    /// <summary>Uploaded images the page names that are not published: what the author is told.</summary>
    private IEnumerable<string> MissingImageWarnings(ArticleEntity article)
    {
        if (article.ImagePath is { } path && !Media.ContainsKey(path))
        {
            yield return $"Front matter image '{path}' is not published: upload it beside the article (JPEG, PNG, WebP or GIF) or fix the path; the page is shared without it until then.";
        }
        foreach (var missing in article.Images.Select(image => image.Path).Where(image => !Media.ContainsKey(image)).Distinct(StringComparer.Ordinal))
        {
            yield return $"Image '{missing}' is not published: upload it beside the article (JPEG, PNG, WebP or GIF) or fix the path; the page shows its alt text until then.";
        }
    }

    /// <summary>The same connections as the API shows them.</summary>
    public RenderedLinks Rendered(ArticleEntity article, SiteUrls urls)
    {
        var links = article.Links;
        var rendered = links.Select((link, index) => Targets[index] is { Slug: { } slug } target
                ? new RenderedLink(RenderedLink.Explicit, Placement(link), target.Title!, slug, urls.Article(slug), true, null)
                : new RenderedLink(RenderedLink.Explicit, Placement(link), link.Title, null, link.IsExternal && link.Target is { } external ? urls.Absolute(external) : null, link.IsExternal && link.Target is not null, null))
            .ToList();
        var explicitSlugs = rendered.Select(link => link.Slug).OfType<string>().ToHashSet(StringComparer.Ordinal);
        rendered.AddRange(Related.Where(candidate => explicitSlugs.Add(candidate.Slug)).Take(RelatedArticles.MaxShown)
            .Select(candidate => new RenderedLink(RenderedLink.Computed, "readAlso", candidate.Title, candidate.Slug, urls.Article(candidate.Slug), true, candidate.Score)));
        return new RenderedLinks(article.Title, rendered, Backlinks, [.. Targets.Select(target => target.Warning).OfType<string>().Distinct(), .. MissingImageWarnings(article)], MoreBacklinks);
    }

    private static string Placement(ArticleLink link) => link.Placement == LinkPlacement.ReadAlso ? "readAlso" : "inline";

    internal static string ArticlePath(string slug) => "/articles/" + slug;
}
