using System.Security.Cryptography;
using System.Text;
using Serverless.Core.Articles;
using Serverless.Core.Linking;
using Serverless.Core.Render;
using Serverless.Core.Storage;

namespace Serverless.Core.Ingest;

/// <summary>The one mapping from a parsed article to its stored record, and from a record to its index rows.</summary>
public static class ArticleRecords
{
    /// <summary>Makes <paramref name="record"/> the live record of <paramref name="article"/>; the outputs' state is left as it is.</summary>
    /// <param name="weighedCorpus">The corpus size <paramref name="keywords"/> were weighed against.</param>
    public static void Fill(ArticleEntity record, Article article, string blobName, DateTimeOffset blobLastModified, string bodyBlob, string recordHash,
        IReadOnlyDictionary<string, double> keywords, int weighedCorpus)
    {
        record.Title = article.Title;
        record.SlugSource = article.SlugSource.ToString();
        record.Description = article.Description;
        record.Language = article.Language;
        record.Author = article.Author;
        record.Authors = article.Authors;
        record.Updated = article.Updated;
        record.Published = article.Published;
        record.Modified = article.Modified;
        record.Tags = article.Tags;
        record.Image = article.Image;
        record.ImageAlt = article.ImageAlt;
        record.AuthorUrl = article.AuthorUrl;
        record.AuthorHandle = article.AuthorHandle;
        record.AuthorFediverse = article.AuthorFediverse;
        record.Section = article.Section;
        record.ImagePath = article.ImagePath;
        record.Images = article.Images;
        record.WordCount = article.WordCount;
        record.ReadingMinutes = article.ReadingMinutes;
        record.Warnings = article.Warnings;
        record.SourceBlob = blobName;
        record.SourceLastModified = blobLastModified;
        record.BodyBlob = bodyBlob;
        record.Links = article.Links;
        record.Keywords = keywords;
        record.TermFrequencies = article.Terms;
        record.WeighedCorpus = weighedCorpus;
        record.RecordHash = recordHash;
        record.Status = nameof(ArticleStatus.Published);
        record.StatusMessage = null;
        record.MovedTo = null;
    }

    /// <summary>Identifies everything of the record a page shows, and the parser that made it.</summary>
    public static string Hash(Article article, string bodyBlob, string ingestVersion) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Json.Write(new
    {
        IngestVersion = ingestVersion,
        article.Title,
        article.Description,
        article.Language,
        article.Author,
        article.Authors,
        article.Updated,
        article.Published,
        article.Modified,
        article.Tags,
        article.Image,
        article.ImageAlt,
        article.AuthorUrl,
        article.AuthorHandle,
        article.AuthorFediverse,
        article.Section,
        article.ImagePath,
        article.Images,
        article.WordCount,
        bodyBlob,
        article.Links,
    }))))[..32];

    /// <summary>The index rows a live record stands for: its title, its links by key, its keywords and tags.</summary>
    public static IEnumerable<ArticleIndex.Entry> IndexEntries(ArticleEntity record)
    {
        if (ReferenceKeys.Title(record.Title) is { } titleReference && ReferenceKeys.IsTitle(titleReference, out var titleKey))
        {
            yield return new ArticleIndex.Entry(IndexTable.Titles, new TitleEntity { PartitionKey = titleKey, RowKey = record.Slug, Title = record.Title }, record.Title);
        }
        foreach (var group in record.Links.SelectMany(link => link.Keys.Select(key => (Key: key, Link: link))).GroupBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var citation = new CitationEntity
            {
                PartitionKey = group.Key,
                RowKey = TableKeys.ListingRow(record.Published, record.Slug),
                Slug = record.Slug,
                CitingTitle = record.Title,
                LinkKeys = [.. group.Select(pair => pair.Link.Keys).DistinctBy(keys => string.Join('\n', keys))],
            };
            yield return new ArticleIndex.Entry(IndexTable.Citations, citation, citation.CitingTitle + "\n" + citation.KeysJson);
        }
        // The images it shows: publishing, changing or deleting one renders this page again.
        foreach (var path in record.ImagePaths)
        {
            var citation = new CitationEntity
            {
                PartitionKey = ReferenceKeys.Media(path), RowKey = TableKeys.ListingRow(record.Published, record.Slug), Slug = record.Slug, CitingTitle = record.Title,
            };
            yield return new ArticleIndex.Entry(IndexTable.Citations, citation, citation.CitingTitle);
        }
        foreach (var entry in RelatedArticles.IndexEntries(Profile(record), record.Title))
        {
            yield return entry;
        }
        // Where the articles either side of it in each of its tags find it as their previous or next.
        foreach (var place in PlacesOf(record))
        {
            var neighbour = new ListingEntity
            {
                PartitionKey = TableKeys.NeighbourPartition(place.TagSlug), RowKey = place.RowKey, Slug = record.Slug, Title = record.Title,
                Published = record.Published, Tags = record.Tags,
            };
            yield return new ArticleIndex.Entry(IndexTable.Keywords, neighbour, neighbour.Title + "\n" + neighbour.TagsJson);
        }
        // Where the keyword re-weighing finds it once the corpus has grown enough (KeywordReweigher).
        yield return new ArticleIndex.Entry(IndexTable.Keywords,
            new KeywordEntity { PartitionKey = TableKeys.WeighingPartition(RelatedArticles.Generation(record.WeighedCorpus)), RowKey = record.Slug, Slug = record.Slug }, string.Empty);
    }

    /// <summary>
    /// The rows the article's ingest writes: all of <see cref="IndexEntries"/>, except for a new article of an import
    /// (<see cref="ArticleEntity.AffectedPagesPending"/>), whose link rows and tag rows are left to its weighing, which
    /// writes them with the import's other articles, a transaction per partition (<c>KeywordReweigher</c>): written one
    /// by one, at 1,000 articles, they cost 5.8 requests per article. Its title row (links naming it resolve at once),
    /// its neighbour rows (the pages its weighing tells they have a new neighbour read them, whenever that weighing
    /// stops) and its place among the articles weighed against nothing are written at once.
    /// </summary>
    public static IEnumerable<ArticleIndex.Entry> IngestEntries(ArticleEntity record) =>
        record.AffectedPagesPending
            ? IndexEntries(record).Where(entry => entry.Table != IndexTable.Citations && !entry.Entity.PartitionKey.StartsWith(TableKeys.TagPartition(string.Empty), StringComparison.Ordinal))
            : IndexEntries(record);

    /// <summary>
    /// Whether the index holds the article's citation rows, as its record lists them: until then, the pages it cites
    /// cannot show it in their "cited in" lists (<see cref="RenderedLinks.CitedUntold"/>).
    /// </summary>
    public static bool CitationsIndexed(ArticleEntity record) =>
        IndexEntries(record).Where(entry => entry.Table == IndexTable.Citations).Select(ArticleIndex.RowOf).All(record.Indexed.Rows.Contains);

    /// <summary>Where the article stands among the articles of each of its tags, as their previous and next links find it.</summary>
    public static IReadOnlyList<TagPlace> PlacesOf(ArticleEntity record) =>
        [.. Serverless.Core.Render.Outputs.TagOutput.TagSlugs(record.Tags).Select(tagSlug => new TagPlace(tagSlug, TableKeys.ListingRow(record.Published, record.Slug)))];

    public static RelatednessProfile Profile(ArticleEntity record) => new(record.Slug, record.Keywords, record.Tags, record.Language, record.Published);
}
