using System.Text;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Publishing.Outputs;

/// <summary>
/// Tag pages and tag feeds: the article's row in the newest-first listing of each of its tags (table
/// <c>articlesbytag</c>, one partition per tag slug), and for each tag it enters, leaves or shows differently,
/// <c>tags/{tag}/index.html</c> and <c>tags/{tag}/feed.xml</c> rebuilt from one query of that partition.
/// </summary>
public sealed class TagOutput(ArticleRepository repository, SiteFiles files, IndexPageRenderer pages, FeedWriter feeds, SiteUrls urls, SiteLayout layout, PipelineVersion version) : IArticleOutput
{
    /// <summary>Tags an article is listed under (the first ones it names): bounds what one publish costs.</summary>
    public const int MaxTagsPerArticle = 10;

    /// <summary>Articles on a tag's page, newest first.</summary>
    public const int PageSize = 50;

    private const string Name = "tags";

    public static string PageFile(string tagSlug) => $"tags/{tagSlug}/index.html";

    public static string FeedFile(string tagSlug) => $"tags/{tagSlug}/feed.xml";

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
        var tags = previous.Rows.Concat(wanted.Rows).Select(tagRow => tagRow.Tag).Distinct(StringComparer.Ordinal);
        await Task.WhenAll(tags.Select(tag => PublishTagAsync(tag, cancellationToken)));
        article.SetOutputState(Name, wanted.Rows.Count == 0 ? null : wanted.Write());
    }

    /// <summary>The tag's page and feed from its newest articles; both removed once it has none.</summary>
    private Task PublishTagAsync(string tagSlug, CancellationToken cancellationToken) =>
        files.PublishAsync([PageFile(tagSlug), FeedFile(tagSlug)], async token =>
        {
            var articles = await repository.ListTagAsync(tagSlug, PageSize, token);
            if (articles.Count == 0)
            {
                return [null, null];
            }
            // The tag as the newest article writes it.
            var tag = articles[0].Tags.FirstOrDefault(candidate => Slugs.From(candidate) == tagSlug) ?? tagSlug;
            var channel = new FeedChannel(layout.TitleFor(tag), tag, urls.Tag(tagSlug), urls.TagFeed(tagSlug));
            return
            [
                new SiteFileContent(Encoding.UTF8.GetBytes(pages.RenderTag(tag, tagSlug, articles)), "text/html; charset=utf-8"),
                new SiteFileContent(feeds.Rss(channel, [.. articles.Take(FeedOutput.Size)]), FeedWriter.RssContentType),
            ];
        }, cancellationToken);

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
