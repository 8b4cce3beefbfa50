using Serverless.Core.Publishing;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Render.Outputs;

/// <summary>
/// Pages that list the articles of a group, newest first (a tag's, an author's): the article's row in the group's
/// partition of table <c>articlesbytag</c> for each group it belongs to, and for each group it enters, leaves or shows
/// differently in, a request to the site-file stage to rebuild the group's page and feed. (An article's previous and next
/// links come from an index written at ingest, <see cref="TableKeys.NeighbourPartition"/>, not from these rows.)
/// </summary>
public abstract class GroupListingOutput(ArticleRepository repository, SiteFileRequests siteFiles, PipelineVersion version) : IArticleOutput
{
    public abstract string Name { get; }

    /// <summary>The groups the article is listed in, by their slugs.</summary>
    protected abstract IEnumerable<string> GroupSlugs(StoredArticle article);

    /// <summary>The partition of <c>articlesbytag</c> that lists a group.</summary>
    protected abstract string Partition(string groupSlug);

    /// <summary>The site files showing a group, by its partition.</summary>
    protected abstract SiteFileKey FilesOf(string partition);

    /// <summary>The rows it will write, with those it wrote, recorded before any is written: no crash can leave a row it would not remove later.</summary>
    public string? StateAhead(StoredArticle article, string? state)
    {
        var previous = GroupRows.Read(state);
        var wanted = Wanted(article);
        return wanted.Rows.Except(previous.Rows).Any() ? (previous with { Fingerprint = null, Rows = [.. previous.Rows.Union(wanted.Rows)] }).Write() : null;
    }

    public async Task<string?> ApplyAsync(StoredArticle article, string? previous, PendingWork pending, CancellationToken cancellationToken)
    {
        var published = GroupRows.Read(previous);
        var wanted = Wanted(article);
        if (wanted.Fingerprint == published.Fingerprint && wanted.Rows.SequenceEqual(published.Rows))
        {
            return previous;
        }
        await Task.WhenAll(wanted.Rows.Select(row => repository.UpsertTagListingAsync(ListingEntity.For(article, row.RowKey, row.Tag), cancellationToken)));
        await Task.WhenAll(published.Rows.Except(wanted.Rows).Select(row => repository.DeleteTagListingAsync(row.Tag, row.RowKey, cancellationToken)));
        await siteFiles.RequestAsync(published.Rows.Concat(wanted.Rows).Select(row => FilesOf(row.Tag)), cancellationToken);
        return wanted.Rows.Count == 0 ? null : wanted.Write();
    }

    /// <summary>The rows the article should have, and a fingerprint of what they show: none unless it is served.</summary>
    private GroupRows Wanted(StoredArticle article)
    {
        if (article is not { IsServed: true, Outputs.ListingRowKey: { } row })
        {
            return GroupRows.Empty;
        }
        GroupRow[] rows = [.. GroupSlugs(article).Select(slug => new GroupRow(Partition(slug), row))];
        return new GroupRows(version.Render + ":" + ListingEntity.For(article, row).Fingerprint(), rows);
    }

    /// <summary>A row of the listing: its partition (named Tag since tags came first: the state stored says so) and the article's listing RowKey.</summary>
    private sealed record GroupRow(string Tag, string RowKey);

    /// <summary>
    /// What this output last published for the article: the rows it wrote, and a fingerprint of what they show (null
    /// while rows are being added).
    /// </summary>
    private sealed record GroupRows(string? Fingerprint, IReadOnlyList<GroupRow> Rows)
    {
        public static GroupRows Empty { get; } = new(null, []);

        public static GroupRows Read(string? state) => Json.Read<GroupRows>(state) ?? Empty;

        public string Write() => Json.Write(this);
    }
}
