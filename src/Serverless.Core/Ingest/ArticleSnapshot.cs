using Serverless.Core.Linking;
using Serverless.Core.Storage;

namespace Serverless.Core.Ingest;

/// <summary>What other pages know of an article, before and after a change: tells which of them to render again.</summary>
public sealed record ArticleSnapshot(string Slug, string SourceBlob, string Title, RelatednessProfile Profile)
{
    public static ArticleSnapshot? Of(ArticleEntity? record) => record is null ? null
        : new(record.Slug, record.SourceBlob, record.Title, ArticleRecords.Profile(record));

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
