using Serverless.Core.Images;
using Serverless.Core.Ingest;
using Serverless.Core.Linking;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Render;

/// <summary>Gathers <see cref="RenderInputs"/> for one article.</summary>
public sealed class RenderInputsLoader(ArticleRepository repository, RelatedArticles related, IndexReadCache sharedReads, MediaStore media, SiteUrls urls, Site.SiteThemeSheet theme,
    Site.AuthorProfiles profiles,
    ActivityPub.PageReplies replies)
{
    /// <summary>Citing rows read per request: the most one Table query returns.</summary>
    private const int CitationsPerRead = 1000;

    /// <param name="freshAfter">
    /// The instant after which the render's index reads must be made (the change that asked for it, allowing for clock
    /// skew): reads other renders made since are shared (<see cref="IndexReadCache"/>). Null reads everything now.
    /// </param>
    public async Task<RenderInputs> LoadAsync(ArticleEntity article, CancellationToken cancellationToken, DateTimeOffset? freshAfter = null)
    {
        var fresh = sharedReads.After(freshAfter);
        await theme.RefreshAsync(freshAfter, cancellationToken);
        var resolver = new LinkResolver(repository, fresh);
        var targets = new List<LinkTarget>();
        foreach (var link in article.Links)
        {
            targets.Add(link.IsExternal ? LinkTarget.None : await resolver.ResolveAsync(link.Keys, article.Slug, cancellationToken));
        }
        var backlinks = await BacklinksAsync(article, resolver, fresh, cancellationToken);
        var candidates = await related.FindAsync(ArticleRecords.Profile(article), cancellationToken, fresh);
        // Only what can show: explicit targets take precedence over computed suggestions of the same article.
        var explicitSlugs = targets.Select(target => target.Slug).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return new RenderInputs(targets, backlinks.Newest, [.. candidates.Where(candidate => !explicitSlugs.Contains(candidate.Slug)).Take(RelatedArticles.MaxShown)])
        {
            MoreBacklinks = backlinks.More,
            Offers = [.. candidates.Take(ArticleIngester.MaxRelatedRenders)],
            Media = await PublishedImagesAsync(article, cancellationToken),
            SharedReadAt = fresh.OldestRead,
            Neighbours = await TagNeighboursAsync(article, fresh, cancellationToken),
            ProfileFediverse = article.AuthorFediverse is null && Site.AuthorProfiles.FirstAuthorSlug(article.Authors) is { } author
                ? (await profiles.ReadAsync(author, cancellationToken)).Fediverse
                : null,
            Replies = await replies.LoadAsync(article.Slug, cancellationToken),
        };
    }

    /// <summary>
    /// The articles either side of this one among those tagged with its first tag (two queries, or more:
    /// <see cref="ListingPaging.NeighboursAsync"/>), from the index ingest writes: whether or not their pages are rendered yet.
    /// </summary>
    private static async Task<TagNeighbours?> TagNeighboursAsync(ArticleEntity article, FreshReads fresh, CancellationToken cancellationToken)
    {
        if (Outputs.TagOutput.FirstTagSlug(article.Tags) is not { } tagSlug)
        {
            return null;
        }
        var around = await fresh.TagNeighboursAsync(tagSlug, TableKeys.ListingRow(article.Published, article.Slug), cancellationToken);
        return new TagNeighbours(article.Tags.First(tag => Parsing.Slugs.From(tag) == tagSlug), Link(Shown(around.Older)), Link(Shown(around.Newer)));

        ListingEntity? Shown(ListingEntity? row) => row?.Slug == article.Slug ? null : row;

        static PageLink? Link(ListingEntity? row) => row is null ? null : new PageLink(row.Title, RenderInputs.ArticlePath(row.Slug));
    }

    /// <summary>The published images among those the article shows: one point read each.</summary>
    private async Task<IReadOnlyDictionary<string, PublishedImage>> PublishedImagesAsync(ArticleEntity article, CancellationToken cancellationToken)
    {
        var paths = article.ImagePaths;
        if (paths.Count == 0)
        {
            return new Dictionary<string, PublishedImage>();
        }
        var rows = await Task.WhenAll(paths.Select(path => media.GetAsync(path, cancellationToken)));
        return rows.OfType<MediaEntity>().ToDictionary(row => row.BlobName, row => PublishedImages.From(row, urls), StringComparer.Ordinal);
    }

    /// <summary>
    /// Articles with a link that names this one and resolves to it (a title shared by two articles resolves to neither),
    /// newest first: the first <see cref="RenderInputs.MaxBacklinks"/>, and how many more there are. Every citing row is
    /// read, a page of the index at a time, so the count is exact however many pages cite the article; resolving costs
    /// one lookup per distinct link key (the resolver caches them), not one per citing page.
    /// </summary>
    private static async Task<CitingArticles> BacklinksAsync(ArticleEntity article, LinkResolver resolver, FreshReads index, CancellationToken cancellationToken)
    {
        var keys = new[] { ReferenceKeys.Slug(article.Slug), ReferenceKeys.Path(article.SourceBlob), ReferenceKeys.Title(article.Title) }.OfType<string>();
        var citing = new Dictionary<string, CitationEntity>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            string? after = null;
            do
            {
                var page = await index.FindCitationsPageAsync(key, after, CitationsPerRead, cancellationToken);
                foreach (var citation in page.Rows)
                {
                    var slug = citation.CitingSlug;
                    if (slug != article.Slug && !citing.ContainsKey(slug) && await ResolvesToAsync(citation, article.Slug, resolver, cancellationToken))
                    {
                        citing[slug] = citation;
                    }
                }
                after = page.ContinueAfter;
            }
            while (after is not null);
        }
        var newest = citing.Values.OrderBy(citation => citation.RowKey, StringComparer.Ordinal).Take(RenderInputs.MaxBacklinks)
            .Select(citation => new Backlink(citation.CitingSlug, citation.CitingTitle)).ToList();
        return new CitingArticles(newest, citing.Count - newest.Count);
    }

    private static async Task<bool> ResolvesToAsync(CitationEntity citation, string slug, LinkResolver resolver, CancellationToken cancellationToken)
    {
        foreach (var linkKeys in citation.LinkKeys)
        {
            if ((await resolver.ResolveAsync(linkKeys, citation.CitingSlug, cancellationToken)).Slug == slug)
            {
                return true;
            }
        }
        return false;
    }
}
