using Serverless.Core.Storage;

namespace Serverless.Core.Linking;

/// <summary>Where a link leads: the live article it names, or why it names none.</summary>
public sealed record LinkTarget(string? Slug, string? Title, string? Warning = null)
{
    public static LinkTarget None { get; } = new(null, null);

    public bool IsResolved => Slug is not null;
}

/// <summary>
/// Resolves links to articles from their keys, in order: a slug (following a move once), then a blob path, then a
/// title. A title that several live articles share resolves to none of them, with a warning naming them. Lookups are
/// cached for the life of one instance: create one per render; titles are looked up through the render's
/// <see cref="FreshReads"/>, shared with other renders.
/// </summary>
public sealed class LinkResolver(ArticleRepository repository, FreshReads index)
{
    private readonly Dictionary<string, Task<LinkTarget>> _byKey = new(StringComparer.Ordinal);

    /// <summary>The target of a link with <paramref name="keys"/>, written in the article <paramref name="citingSlug"/> (which never resolves to itself).</summary>
    public async Task<LinkTarget> ResolveAsync(IReadOnlyList<string> keys, string citingSlug, CancellationToken cancellationToken)
    {
        foreach (var key in keys)
        {
            var target = await LookUpAsync(key, cancellationToken);
            if (target.Slug == citingSlug)
            {
                continue;
            }
            if (target.IsResolved || target.Warning is not null)
            {
                return target;
            }
        }
        return LinkTarget.None;
    }

    private Task<LinkTarget> LookUpAsync(string key, CancellationToken cancellationToken)
    {
        if (!_byKey.TryGetValue(key, out var lookup))
        {
            lookup = _byKey[key] = ReferenceKeys.IsSlug(key, out var slug) ? BySlugAsync(slug, cancellationToken)
                : ReferenceKeys.IsTitle(key, out var titleKey) ? ByTitleAsync(titleKey, cancellationToken)
                : ByPathAsync(key, cancellationToken);
        }
        return lookup;
    }

    private async Task<LinkTarget> BySlugAsync(string slug, CancellationToken cancellationToken)
    {
        var article = await repository.GetArticleAsync(slug, cancellationToken);
        if (article is { ArticleStatus: Articles.ArticleStatus.Moved, MovedTo: { } movedTo })
        {
            article = await repository.GetArticleAsync(movedTo, cancellationToken);
        }
        return article is { IsLive: true } ? new LinkTarget(article.Slug, article.Title) : LinkTarget.None;
    }

    private async Task<LinkTarget> ByPathAsync(string key, CancellationToken cancellationToken)
    {
        // The sources table is keyed like path keys: the key is the partition.
        var source = await repository.GetSourceByKeyAsync(key[2..], cancellationToken);
        if (source?.Slug is not { } slug)
        {
            return LinkTarget.None;
        }
        // The slug a source names may belong to another blob (a collision): only the article this blob publishes counts.
        var article = await repository.GetArticleAsync(slug, cancellationToken);
        return article is { IsLive: true } && article.SourceBlob == source.BlobName ? new LinkTarget(article.Slug, article.Title) : LinkTarget.None;
    }

    private async Task<LinkTarget> ByTitleAsync(string titleKey, CancellationToken cancellationToken)
    {
        var matches = await index.FindTitleAsync(titleKey, cancellationToken);
        return matches.Count switch
        {
            0 => LinkTarget.None,
            1 => new LinkTarget(matches[0].RowKey, matches[0].Title),
            _ => new LinkTarget(null, null,
                $"Several articles have the title '{matches[0].Title}' ({string.Join(", ", matches.Select(match => match.RowKey))}): the link stays text; link to one by its slug instead."),
        };
    }
}
