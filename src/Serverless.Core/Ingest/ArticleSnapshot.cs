using Serverless.Core.Linking;
using Serverless.Core.Storage;

namespace Serverless.Core.Ingest;

/// <summary>
/// What other pages know of an article, before and after a change: tells which of them to render again. <see cref="Places"/>
/// is where the articles either side of it in its tags find it (null in a snapshot stored before it was kept).
/// </summary>
public sealed record ArticleSnapshot(string Slug, string SourceBlob, string Title, RelatednessProfile Profile, IReadOnlyList<TagPlace>? Places = null)
{
    public static ArticleSnapshot? Of(ArticleEntity? record) => record is null ? null
        : new(record.Slug, record.SourceBlob, record.Title, ArticleRecords.Profile(record), ArticleRecords.PlacesOf(record));

    /// <summary>
    /// The places in its tags where the articles either side of it show it differently: those it entered or left, and
    /// all of them when it was retitled.
    /// </summary>
    public static IReadOnlyList<TagPlace> PlacesChanged(ArticleSnapshot? before, ArticleSnapshot? after)
    {
        IReadOnlyList<TagPlace> was = before?.Places ?? [], now = after?.Places ?? [];
        return before is not null && after is not null && before.Title != after.Title
            ? [.. was.Union(now)]
            : [.. was.Except(now).Union(now.Except(was))];
    }

    /// <summary>A hash of what <see cref="SameForRelatedness"/> compares: equal hashes, same for relatedness.</summary>
    public string RelatednessHash() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Json.Write(new
    {
        Title,
        Profile.Language,
        Profile.Published,
        Profile.TagKeys,
        Keywords = Profile.Keywords.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new[] { pair.Key, pair.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) }),
    }))))[..32];

    public bool SameForRelatedness(ArticleSnapshot other) => Title == other.Title && Profile.Language == other.Profile.Language
        && Profile.Published == other.Profile.Published && Profile.TagKeys.SequenceEqual(other.Profile.TagKeys)
        && Profile.Keywords.OrderBy(pair => pair.Key, StringComparer.Ordinal).SequenceEqual(other.Profile.Keywords.OrderBy(pair => pair.Key, StringComparer.Ordinal));
}
