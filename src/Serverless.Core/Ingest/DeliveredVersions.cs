using System.Collections.Concurrent;

namespace Serverless.Core.Ingest;

/// <summary>
/// The blob versions (name and ETag) this process's ingest has taken up, from the moment it downloads one: a second
/// delivery of the same upload by another path of the same process is then skipped before it reads storage. The local
/// server needs it: its change notifier lists the container and would report again every upload that the
/// <c>upload</c> command, the folder watcher or the benchmark had reported already, two reads each (measured at 1,000
/// articles: 2 of 62 requests per article). Memory only; forgotten when a delivery fails (so the next one is made), and
/// all at once past <see cref="MaxRemembered"/> names: a version forgotten is delivered again, which ingest recognises
/// as unchanged.
/// </summary>
public sealed class DeliveredVersions
{
    /// <summary>Names remembered at most (about 100 bytes each): an import of a million articles forgets them as it goes.</summary>
    public const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<string, string> _etags = new(StringComparer.Ordinal);

    /// <summary>Whether this process has taken up this version of the blob.</summary>
    public bool Contains(string blobName, string etag) => _etags.TryGetValue(blobName, out var known) && known == Unquoted(etag);

    internal void Add(string blobName, string etag)
    {
        if (_etags.Count >= MaxRemembered)
        {
            _etags.Clear();
        }
        _etags[blobName] = Unquoted(etag);
    }

    /// <summary>Forgets a version whose delivery failed, unless a later one has been taken up since.</summary>
    internal void Remove(string blobName, string etag) => _etags.TryRemove(KeyValuePair.Create(blobName, Unquoted(etag)));

    /// <summary>A download's header quotes the ETag; a listing's XML does not.</summary>
    private static string Unquoted(string etag) => etag.Trim('"');
}
