using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Serverless.Core.Articles;
using Serverless.Core.Images;
using Serverless.Core.Linking;

namespace Serverless.Core.Parsing;

/// <summary>
/// Reads an article's links to other articles and rewrites its body for them: unsafe links lose their target and keep
/// their text; links to other articles and uploaded images become markers, resolved each time the page is rendered
/// (so that a link follows its target's slug and title).
/// </summary>
/// <param name="publicBaseUrl">The site's address, so that absolute links to its own articles are recognised as internal.</param>
internal sealed class ArticleLinkReader(string? publicBaseUrl)
{
    /// <summary>
    /// The links of the "read also" block (removed from the document), of front matter <c>related:</c> and of the body,
    /// at most <see cref="ArticleParser.MaxLinks"/>: the others are shown as text, with a warning saying so.
    /// </summary>
    public ArticleLinks Read(MarkdownDocument document, IReadOnlyList<string> related, string blobName, List<string> warnings)
    {
        var links = new List<ArticleLink>();
        foreach (var entry in RelatedLinksBlock.Extract(document))
        {
            links.Add(ReadAlsoLink(entry, blobName));
        }
        foreach (var entry in related)
        {
            var keys = ReferenceKeys.ForRelatedEntry(entry, blobName, publicBaseUrl);
            links.Add(new ArticleLink(keys.Any(key => ReferenceKeys.IsTitle(key, out _)) ? entry : string.Empty, null, LinkPlacement.ReadAlso, keys));
        }
        var images = new List<ArticleImage>();
        ProcessLinks(document, blobName, links, images, warnings);
        if (links.Count > ArticleParser.MaxLinks)
        {
            warnings.Add($"The article links to {links.Count} articles; only the first {ArticleParser.MaxLinks} are kept.");
            links.RemoveRange(ArticleParser.MaxLinks, links.Count - ArticleParser.MaxLinks);
        }
        return new ArticleLinks(links, images);
    }

    /// <summary>The blob path of an image named by a relative path to an uploaded image file (<c>poster.jpg</c>, <c>../img/a.png</c>); null for anything else.</summary>
    public static string? UploadedImagePath(string url, string blobName) =>
        ReferenceKeys.ForImage(url, blobName) is { } path && ReferenceKeys.IsMediaFile(path) ? path : null;

    private ArticleLink ReadAlsoLink(RelatedLinksBlock.ReadAlsoEntry entry, string blobName)
    {
        var keys = new List<string>();
        if (entry.Target is { } target)
        {
            keys.AddRange(ReferenceKeys.ForTarget(target, blobName, publicBaseUrl));
            if (keys.Count == 0)
            {
                return new ArticleLink(entry.Title, target, LinkPlacement.ReadAlso, []); // another site: kept as written
            }
        }
        if (ReferenceKeys.Title(entry.Title) is { } titleKey)
        {
            keys.Add(titleKey);
        }
        return new ArticleLink(entry.Title, null, LinkPlacement.ReadAlso, keys);
    }

    /// <summary>
    /// Unsafe links lose their target and keep their text. Links to other articles (an internal URL, a slug, a path to
    /// an uploaded article, or a placeholder whose text may be a title) become markers resolved at render time.
    /// </summary>
    private void ProcessLinks(MarkdownDocument document, string blobName, List<ArticleLink> links, List<ArticleImage> images, List<string> warnings)
    {
        // Collected in one walk before the tree changes; replacing or unwrapping a link moves its children, so the
        // autolinks collected are still those in the tree when their turn comes.
        var allLinks = new List<LinkInline>();
        var autolinks = new List<AutolinkInline>();
        CollectLinks(document, allLinks, autolinks);
        foreach (var link in allLinks)
        {
            var label = PlainText.Of(link);
            if (link.IsImage)
            {
                if (!SafeUrls.IsAllowed(link.Url))
                {
                    warnings.Add($"Image '{label}' was removed: its source '{link.Url}' is not an http, https or relative URL.");
                    Unwrap(link);
                }
                else if (UploadedImagePath(link.Url!, blobName) is { } path)
                {
                    var caption = CaptionedImage.TakeCaption(link);
                    var marker = new BodyImages.MarkerInline(images.Count);
                    link.ReplaceBy(marker);
                    images.Add(new ArticleImage(path, label));
                    if (caption is not null)
                    {
                        CaptionedImage.Wrap(marker, caption);
                    }
                }
                continue;
            }
            IReadOnlyList<string> keys;
            if (SafeUrls.IsPlaceholder(link.Url))
            {
                keys = ReferenceKeys.Title(label) is { } titleKey ? [titleKey] : [];
                warnings.Add(keys.Count > 0
                    ? $"Placeholder link on '{label}' (target '{link.Url}') has no address: it links to the article titled '{label}' once there is one, and shows as text until then."
                    : $"Placeholder link on '{label}' was removed (target '{link.Url}'); the text is kept.");
            }
            else if (!SafeUrls.IsAllowed(link.Url))
            {
                warnings.Add($"Link on '{label}' was removed: its target '{link.Url}' is not an http, https, mailto or relative URL.");
                Unwrap(link);
                continue;
            }
            else
            {
                keys = ReferenceKeys.ForTarget(link.Url!, blobName, publicBaseUrl);
                if (keys.Count == 0)
                {
                    continue; // a link to another site, or to a page that is not an article: kept as written
                }
            }
            if (keys.Count == 0 || links.Count >= ArticleParser.MaxLinks)
            {
                Unwrap(link);
                continue;
            }
            link.ReplaceBy(new BodyLinks.MarkerInline(links.Count));
            links.Add(new ArticleLink(label, null, LinkPlacement.Inline, keys));
        }
        foreach (var autolink in autolinks)
        {
            if (!autolink.IsEmail && !SafeUrls.IsAllowed(autolink.Url))
            {
                warnings.Add($"Link '{autolink.Url}' was removed: it is not an http, https, mailto or relative URL.");
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
            else if (IsInsideLink(autolink))
            {
                // A link cannot hold a link (CommonMark), but Markdig nests an autolink in a link's text: <a> in <a>.
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }
    }

    /// <summary>Adds the links (images among them) and autolinks of the document, in document order.</summary>
    private static void CollectLinks(MarkdownDocument document, List<LinkInline> links, List<AutolinkInline> autolinks) =>
        InlineWalk.Visit(document, inline =>
        {
            if (inline is LinkInline link)
            {
                links.Add(link);
            }
            else if (inline is AutolinkInline autolink)
            {
                autolinks.Add(autolink);
            }
        });

    private static bool IsInsideLink(Inline inline)
    {
        for (var parent = inline.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is LinkInline { IsImage: false } or BodyLinks.MarkerInline)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Replaces a link by its content (an image by its alt text): the text stays, the link goes.</summary>
    /// <remarks>
    /// Not <c>ReplaceBy</c>, which copies the children after the replacement (the alt text twice), nor
    /// <c>InsertBefore</c>, which leaves the moved inline without a previous sibling: <c>Descendants</c> walks siblings
    /// backwards and would no longer see what precedes it, such as a <c>&lt;javascript:...&gt;</c> autolink.
    /// </remarks>
    private static void Unwrap(LinkInline link)
    {
        link.MoveChildrenAfter(link);
        link.Remove();
    }
}
