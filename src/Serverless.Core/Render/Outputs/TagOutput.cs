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

    private const string Name = "tags";

    /// <summary>The slugs of an article's tags, as they appear in URLs: <c>Cyber-sécurité</c> is <c>cyber-securite</c>.</summary>
    public static IReadOnlyList<string> TagSlugs(IEnumerable<string> tags) =>
        [.. tags.Select(Slugs.From).Where(slug => slug.Length > 0).Distinct(StringComparer.Ordinal).Take(MaxTagsPerArticle)];

    public async Task ApplyAsync(ArticleEntity article, PendingWork pending, CancellationToken cancellationToken)
    {
        var previous = TagRows.Read(article.OutputState(Name));
        var wanted = TagRows.Empty;
        if (article is { IsServed: true, ListingRowKey: { } row })
        {
            var listed = ListingEntity.For(article, row);
            wanted = new TagRows(version.Render + ":" + listed.Fingerprint(), [.. TagSlugs(article.Tags).Select(tag => new TagRow(tag, row))]);
        }
        if (wanted.Fingerprint == previous.Fingerprint && wanted.Rows.SequenceEqual(previous.Rows))
        {
            return;
        }

        // The record learns of a row before it is written, so that no crash can leave a row it would not remove later.
        var added = wanted.Rows.Except(previous.Rows).ToList();
        if (added.Count > 0)
        {
            article.SetOutputState(Name, new TagRows(null, [.. previous.Rows.Union(wanted.Rows)]).Write());
            await repository.SaveArticleAsync(article, article, cancellationToken);
        }
        await Task.WhenAll(wanted.Rows.Select(tagRow => repository.UpsertTagListingAsync(ListingEntity.For(article, tagRow.RowKey, tagRow.Tag), cancellationToken)));
        await Task.WhenAll(previous.Rows.Except(wanted.Rows).Select(tagRow => repository.DeleteTagListingAsync(tagRow.Tag, tagRow.RowKey, cancellationToken)));
        await siteFiles.RequestAsync(previous.Rows.Concat(wanted.Rows).Select(tagRow => SiteFileKey.Tag(tagRow.Tag)), cancellationToken);
        article.SetOutputState(Name, wanted.Rows.Count == 0 ? null : wanted.Write());
    }

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
