using Serverless.Core.Parsing;
using Serverless.Core.Publishing;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Render.Outputs;

/// <summary>
/// Author pages and author feeds: the article's row in the newest-first listing of each of its authors, kept beside
/// the tags' in table <c>articlesbytag</c> under partition <c>@{author slug}</c> (no tag slug starts with @), and the
/// rebuild of each author's page and feed it changes (<see cref="AuthorFiles"/>).
/// </summary>
public sealed class AuthorOutput(ArticleRepository repository, SiteFileRequests siteFiles, PipelineVersion version) : GroupListingOutput(repository, siteFiles, version)
{
    /// <summary>Authors an article is listed under (the first ones it names): bounds what one publish costs.</summary>
    public const int MaxAuthorsPerArticle = 10;

    public override string Name => "authors";

    /// <summary>The slugs of an article's authors, as they appear in URLs: <c>Zoé Dupont</c> is <c>zoe-dupont</c>.</summary>
    public static IReadOnlyList<string> AuthorSlugs(IEnumerable<string> authors) =>
        [.. authors.Select(Slugs.From).Where(Slugs.IsValid).Distinct(StringComparer.Ordinal).Take(MaxAuthorsPerArticle)];

    protected override IEnumerable<string> GroupSlugs(StoredArticle article) => AuthorSlugs(article.Authors);

    protected override string Partition(string groupSlug) => TableKeys.AuthorListingPartition(groupSlug);

    protected override SiteFileKey FilesOf(string partition) => SiteFileKey.Author(partition[1..]);
}
