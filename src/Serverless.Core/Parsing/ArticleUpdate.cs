namespace Serverless.Core.Parsing;

/// <summary>When an article counts as updated after publication, which its page then says ("Updated …").</summary>
public static class ArticleUpdate
{
    /// <summary>
    /// A blob rewritten this long after it was created was replaced by a new upload; a shorter gap is the same upload
    /// (storage may stamp creation and last write a moment apart).
    /// </summary>
    public static readonly TimeSpan ReplacedAfter = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Front matter <c>updated</c> when later than the publication; else the last upload when it replaced the blob
    /// after publication. An article imported with an old <c>date</c> is not "updated" by its first upload.
    /// </summary>
    public static DateTimeOffset? Of(DateTimeOffset? frontMatterUpdated, ArticleSource source, DateTimeOffset published)
    {
        if (frontMatterUpdated is { } updated)
        {
            return updated > published ? updated : null;
        }
        return source.LastModified - source.Created > ReplacedAfter && source.LastModified > published ? source.LastModified : null;
    }
}
