using System.Collections.Concurrent;

namespace Serverless.Core.Search;

/// <summary>
/// The Lucene files this instance has read, by blob name. Blobs are named by their content, so a cached file never
/// goes stale: a newer manifest costs only the files it adds. Files no manifest names any more are dropped.
/// </summary>
public sealed class SegmentCache(SearchStore store)
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    /// <summary>Bytes read from storage since start: what cold loads and refreshes cost.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    private long _bytesRead;

    /// <summary>
    /// Holds a file this instance has just stored (a merge's new segments): the next merge or search opens the manifest
    /// naming it without reading it back. Dropped like any other once no manifest names it.
    /// </summary>
    public void Hold(string blobName, byte[] bytes) => _files.TryAdd(blobName, bytes);

    /// <summary>The files of <paramref name="manifest"/>, by Lucene name, reading those not held (16 at a time).</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> FilesOfAsync(SearchManifest manifest, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(manifest.Files.Values.Where(blob => !_files.ContainsKey(blob)),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (blob, token) =>
            {
                var bytes = await store.ReadSegmentAsync(blob, token);
                Interlocked.Add(ref _bytesRead, bytes.Length);
                _files[blob] = bytes;
            });
        var wanted = manifest.Files.Values.ToHashSet(StringComparer.Ordinal);
        foreach (var stale in _files.Keys.Where(blob => !wanted.Contains(blob)))
        {
            _files.TryRemove(stale, out _);
        }
        return manifest.Files.ToDictionary(file => file.Key, file => _files[file.Value], StringComparer.Ordinal);
    }
}
