using Microsoft.Extensions.Logging;
using Serverless.Core.Storage;

namespace Serverless.Core.Search;

/// <summary>
/// Merges the recorded changes into the stored index, in the site-file stage (once per window however many renders
/// asked): opens the index of the manifest, applies each changed article's document (present: upsert; gone: delete),
/// commits, stores the Lucene files it does not hold yet, then replaces the manifest under its ETag. A merge that loses
/// to another starts over; a crash anywhere leaves the manifest as it was, and the redelivered request merges again.
/// Changes are kept <see cref="Retention"/> after the merge that took them in, so an instance on the previous manifest
/// still reads them; the segment files the new manifest drops are deleted.
/// </summary>
public sealed partial class SearchIndexMerger(SearchStore store, SegmentCache segments, TimeProvider time, ILogger<SearchIndexMerger> logger)
{
    /// <summary>How long merged changes stay readable: longer than an instance keeps a manifest (<see cref="SearchOptions.ManifestSeconds"/>).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(5);

    /// <summary>How much later than its stamp a change may be written (a slow request, another instance's clock): merges and refreshes read back this far.</summary>
    public static readonly TimeSpan LateWrites = TimeSpan.FromSeconds(30);

    /// <summary>What this instance's last merge applied; null before its first.</summary>
    private AppliedChanges? _applied;

    /// <summary>Merges every recorded change; returns how many articles changed (0: nothing to merge, nothing written).</summary>
    /// <remarks>A segment of the manifest read that is gone (404) is a conflict too: another merge replaced the manifest and deleted
    /// the segments it dropped between this one's reads (two site-file messages merging at once: seen in ImportSettlementCrashTests); it
    /// starts again from the new.</remarks>
    public Task<int> MergeAsync(CancellationToken cancellationToken) =>
        OptimisticConcurrency.RetryAsync(attempt => MergeOnceAsync(attempt, cancellationToken), attempt => LogConflict(attempt),
            isConflict: exception => OptimisticConcurrency.IsConflict(exception) || exception.Status == 404, maxAttempts: OptimisticConcurrency.SharedWriteAttempts);

    private async Task<int> MergeOnceAsync(int attempt, CancellationToken cancellationToken)
    {
        await OptimisticConcurrency.BackOffAsync(attempt, cancellationToken);
        var stored = await store.ReadManifestAsync(known: null, cancellationToken);
        var manifest = stored.Manifest!;
        var changes = await store.ReadChangesAsync(from: null, cancellationToken);
        if (!changes.Any(change => string.CompareOrdinal(change.RowKey, manifest.ChangesUpTo) > 0))
        {
            return 0;
        }
        // The changes since the last merge, and those of a little before it: a change stamped earlier may have been
        // written after that merge read (applying one again is harmless).
        var from = manifest.ChangesUpTo is { } upTo ? SearchChangeEntity.Bound(SearchChangeEntity.TimeOf(upTo) - LateWrites) : null;
        var unmerged = changes.Where(change => string.CompareOrdinal(change.RowKey, from) >= 0).ToList();
        // Of those, the rows the merge that stored this manifest applied are in it already: only rows written late are new.
        var applied = Volatile.Read(ref _applied) is { } last && last.Stored(manifest) ? last.RowKeys : null;
        var slugs = unmerged.Where(change => applied?.Contains(change.RowKey) != true).Select(change => change.Slug).Distinct(StringComparer.Ordinal).ToList();
        using var index = SearchIndex.Open(await segments.FilesOfAsync(manifest, cancellationToken));
        await SearchChanges.ApplyAsync(index, slugs, changes, store, cancellationToken);
        var files = index.Commit();
        index.Refresh();
        var blobs = new Dictionary<string, string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (file, token) =>
        {
            if (!manifest.Files.TryGetValue(file.Key, out var blob))
            {
                blob = await store.SaveSegmentAsync(file.Value, token);
                segments.Hold(blob, file.Value);
            }
            lock (blobs)
            {
                blobs[file.Key] = blob;
            }
        });
        var merged = new SearchManifest(blobs, unmerged[^1].RowKey, index.Count, time.GetUtcNow());
        await store.WriteManifestAsync(merged, stored.ETag, cancellationToken);
        Volatile.Write(ref _applied, new AppliedChanges(merged.ChangesUpTo!, merged.MergedAt, unmerged.Select(change => change.RowKey).ToHashSet(StringComparer.Ordinal)));
        LogMerged(slugs.Count, merged.Documents, files.Values.Sum(bytes => (long)bytes.Length));

        var keepFrom = SearchChangeEntity.Bound(SearchChangeEntity.TimeOf(merged.ChangesUpTo!) - Retention);
        await store.DeleteChangesAsync(changes.Where(change => string.CompareOrdinal(change.RowKey, keepFrom) < 0), cancellationToken);
        var keptBlobs = blobs.Values.ToHashSet(StringComparer.Ordinal);
        foreach (var dropped in manifest.Files.Values.Where(blob => !keptBlobs.Contains(blob)))
        {
            await store.DeleteSegmentAsync(dropped, cancellationToken);
        }
        return slugs.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index merged: {Changed} articles changed, {Documents} documents, {Bytes} bytes")]
    private partial void LogMerged(int changed, int documents, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index merge lost to another (attempt {Attempt}); merging again")]
    private partial void LogConflict(int attempt);
}
