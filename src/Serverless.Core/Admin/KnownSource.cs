using System.Security.Cryptography;
using System.Text;
using Serverless.Core.Storage;

namespace Serverless.Core.Admin;

/// <summary>
/// What a reconciliation pass keeps of one source, by the hash of its blob's name: 8-byte hashes of the MD5 and ETag
/// it was processed at, or that it must be ingested whatever the blob holds (an older version, unsettled, its release
/// due), or never (a blob that is neither an article nor an image). Read from the sources table a page at a time, so
/// that comparing a listing costs no request per blob; <see cref="Listed"/> is set as the listing returns the blob.
/// </summary>
internal record struct KnownSource(KnownSource.Verdict Check, ulong Md5, ulong ETag, bool Listed)
{
    public enum Verdict : byte
    {
        Compare,
        Ingest,
        Ignore,
        /// <summary>No source: a blob the listing returned that has never been processed.</summary>
        Unknown,
    }

    public static readonly KnownSource ListedWithoutSource = new(Verdict.Unknown, 0, 0, Listed: true);

    public static ulong Hash(string? value) =>
        value is null ? 0 : BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(value))) | 1;

    /// <summary>Whether a listed blob of this MD5 (when storage reports one) or ETag needs ingesting.</summary>
    public readonly bool NeedsIngest(string? md5, string? etag) => Check switch
    {
        Verdict.Ignore => false,
        Verdict.Compare => md5 is not null ? Hash(md5) != Md5 : Hash(etag) != ETag,
        _ => true,
    };
}
