using Serverless.Core.Parsing;
using Serverless.Core.Publishing;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Render.Outputs;

/// <summary>
/// Tag pages and tag feeds: the article's row in the newest-first listing of each of its tags (table
/// <c>articlesbytag</c>, one partition per tag slug), and for each tag it enters, leaves or shows differently, a
/// request to the site-file stage to rebuild the tag's page and feed (<see cref="TagFiles"/>).
/// </summary>
public sealed class TagOutput(ArticleRepository repository, SiteFileRequests siteFiles, PipelineVersion version) : IArticleOutput
{
    /// <summary>Tags an article is listed under (the first ones it names): bounds what one publish costs.</summary>
    public const int MaxTagsPerArticle = 10;

    public string Name => "tags";

    /// <summary>The slugs of an article's tags, as they appear in URLs: <c>Cyber-sécurité</c> is <c>cyber-securite</c>.</summary>
    public static IReadOnlyList<string> TagSlugs(IEnumerable<string> tags) =>
        [.. tags.Select(Slugs.From).Where(slug => slug.Length > 0).Distinct(StringComparer.Ordinal).Take(MaxTagsPerArticle)];

    /// <summary>The rows it will write, with those it wrote, recorded before any is written: no crash can leave a row it would not remove later.</summary>
    public string? StateAhead(StoredArticle article, string? state)
    {
        var previous = TagRows.Read(state);
        var wanted = Wanted(article);
        return wanted.Rows.Except(previous.Rows).Any() ? new TagRows(null, [.. previous.Rows.Union(wanted.Rows)]).Write() : null;
    }

    public async Task<string?> ApplyAsync(StoredArticle article, string? previous, PendingWork pending, CancellationToken cancellationToken)
    {
        var published = TagRows.Read(previous);
        var wanted = Wanted(article);
        if (wanted.Fingerprint == published.Fingerprint && wanted.Rows.SequenceEqual(published.Rows))
        {
            return previous;
        }
        await Task.WhenAll(wanted.Rows.Select(tagRow => repository.UpsertTagListingAsync(ListingEntity.For(article, tagRow.RowKey, tagRow.Tag), cancellationToken)));
        await Task.WhenAll(published.Rows.Except(wanted.Rows).Select(tagRow => repository.DeleteTagListingAsync(tagRow.Tag, tagRow.RowKey, cancellationToken)));
        await siteFiles.RequestAsync(published.Rows.Concat(wanted.Rows).Select(tagRow => SiteFileKey.Tag(tagRow.Tag)), cancellationToken);
        return wanted.Rows.Count == 0 ? null : wanted.Write();
    }

    /// <summary>The rows the article should have, and a fingerprint of what they show: none unless it is served.</summary>
    private TagRows Wanted(StoredArticle article) =>
        article is { IsServed: true, Outputs.ListingRowKey: { } row }
            ? new TagRows(version.Render + ":" + ListingEntity.For(article, row).Fingerprint(), [.. TagSlugs(article.Tags).Select(tag => new TagRow(tag, row))])
            : TagRows.Empty;

    /// <summary>A row of the tag listing: the tag's slug (its partition) and the article's listing RowKey.</summary>
    private sealed record TagRow(string Tag, string RowKey);

    /// <summary>What this output last published for the article: the rows it wrote, and a fingerprint of what they show (null while rows are being added).</summary>
    private sealed record TagRows(string? Fingerprint, IReadOnlyList<TagRow> Rows)
    {
        public static TagRows Empty { get; } = new(null, []);

        public static TagRows Read(string? state) => Json.Read<TagRows>(state) ?? Empty;

        public string Write() => Json.Write(this);
    }
}
