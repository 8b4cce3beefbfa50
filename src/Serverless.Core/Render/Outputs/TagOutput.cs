using Serverless.Core.Parsing;
using Serverless.Core.Publishing;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Render.Outputs;

/// <summary>
/// Tag pages and tag feeds: the article's row in the newest-first listing of each of its tags (table
/// <c>articlesbytag</c>, one partition per tag slug), the rebuild of each tag's page and feed it changes (<see cref="TagFiles"/>),
/// and the renders of the articles whose previous or next link it changes.
/// </summary>
public sealed class TagOutput(ArticleRepository repository, SiteFileRequests siteFiles, PipelineVersion version, RenderQueueClient renders)
    : GroupListingOutput(repository, siteFiles, version)
{
    /// <summary>Tags an article is listed under (the first ones it names): bounds what one publish costs.</summary>
    public const int MaxTagsPerArticle = 10;

    public override string Name => "tags";

    /// <summary>The slugs of an article's tags, as they appear in URLs: <c>Cyber-sécurité</c> is <c>cyber-securite</c>.</summary>
    public static IReadOnlyList<string> TagSlugs(IEnumerable<string> tags) =>
        [.. tags.Select(Slugs.From).Where(slug => slug.Length > 0).Distinct(StringComparer.Ordinal).Take(MaxTagsPerArticle)];

    /// <summary>The slug of the article's first tag, whose listing its previous and next links come from; null without a tag.</summary>
    public static string? FirstTagSlug(IEnumerable<string> tags) => TagSlugs(tags) is [var first, ..] ? first : null;

    protected override IEnumerable<string> GroupSlugs(StoredArticle article) => TagSlugs(article.Tags);

    protected override string Partition(string groupSlug) => groupSlug;

    protected override SiteFileKey FilesOf(string partition) => SiteFileKey.Tag(partition);

    /// <summary>
    /// An article page links the articles either side of it in its first tag: those either side of each place the
    /// article entered or left, whose first tag that is, render again (delayed, as pages following another article do;
    /// two queries per place when none is newer). The article's own page too, when its first tag's listing, now that
    /// its row is in it, has other neighbours than the page was rendered with: another article entered or left beside
    /// it between its render's read and its row.
    /// </summary>
    protected override async Task NeighboursChangedAsync(StoredArticle article, IReadOnlyList<GroupRow> places, PendingWork pending, CancellationToken cancellationToken)
    {
        var around = await Task.WhenAll(places.Select(async place => (Place: place, Rows: await Repository.TagNeighboursAsync(place.Tag, place.RowKey, cancellationToken))));
        var pages = around.SelectMany(place => new[] { place.Rows.Older, place.Rows.Newer }.OfType<ListingEntity>()
            .Where(row => row.Slug != article.Slug && FirstTagSlug(row.Tags) == place.Place.Tag)
            .Select(row => row.Slug)).ToList();
        var own = FirstTagSlug(article.Tags) is { } first && article.Outputs.ListingRowKey is { } rowKey ? new GroupRow(first, rowKey) : null;
        if (pending.ShownNeighbours is { } shown && around.FirstOrDefault(place => place.Place == own).Rows is { } now
            && (Slug(now.Older) != shown.Older || Slug(now.Newer) != shown.Newer))
        {
            pages.Add(article.Slug);
        }
        await renders.EnqueueAsync(pages, cancellationToken, delayed: true);

        string? Slug(ListingEntity? row) => row?.Slug == article.Slug ? null : row?.Slug;
    }
}
