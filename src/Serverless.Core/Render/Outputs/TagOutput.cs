using Serverless.Core.Parsing;
using Serverless.Core.Publishing;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Render.Outputs;

/// <summary>
/// Tag pages and tag feeds: the article's row in the newest-first listing of each of its tags (table
/// <c>articlesbytag</c>, one partition per tag slug), and the rebuild of each tag's page and feed it changes (<see cref="TagFiles"/>).
/// </summary>
public sealed class TagOutput(ArticleRepository repository, SiteFileRequests siteFiles, PipelineVersion version)
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
}
