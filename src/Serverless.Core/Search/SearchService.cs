using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Core.Search;

/// <summary>
/// Answers queries on this instance from the merged index it has loaded plus the changes recorded since: at most every
/// <see cref="SearchOptions.RefreshSeconds"/> it reads the changes (one table query, usually empty) and applies the
/// documents they name; at most every <see cref="SearchOptions.ManifestSeconds"/> it asks whether the manifest changed
/// (a conditional read) and loads the newer index, reading only the segment files it lacks. Any instance, cold or warm,
/// so answers with every article rendered a refresh ago. A failed refresh keeps answering from what it has.
/// </summary>
public sealed partial class SearchService(SearchStore store, SegmentCache segments, IOptions<SearchOptions> options, TimeProvider time, ILogger<SearchService> logger)
    : IDisposable
{
    private readonly TimeSpan _refreshEvery = TimeSpan.FromSeconds(options.Value.RefreshSeconds);
    private readonly TimeSpan _manifestEvery = TimeSpan.FromSeconds(options.Value.ManifestSeconds);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SearchIndex? _index;
    private ETag? _manifestETag;
    private DateTimeOffset _refreshedAt;
    private DateTimeOffset _manifestReadAt;

    /// <summary>Where the next read of changes starts (<see cref="SearchChangeEntity.Bound"/>), and the changes applied since.</summary>
    private string? _changesFrom;
    private readonly HashSet<string> _applied = new(StringComparer.Ordinal);

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        // Refused before any storage request: a bad query costs nothing.
        SearchQueryBuilder.Build(request);
        var index = await CurrentAsync(cancellationToken);
        return index.Search(request, time.GetUtcNow());
    }

    /// <summary>Documents the instance's index holds, and the bytes it takes in memory (for the benchmarks).</summary>
    public (int Documents, long Bytes) Size => _index is { } index ? (index.Count, index.SizeInBytes) : (0, 0);

    private async Task<SearchIndex> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_index is { } current && time.GetUtcNow() - _refreshedAt < _refreshEvery)
        {
            return current;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_index is null || now - _refreshedAt >= _refreshEvery)
            {
                await RefreshAsync(now, cancellationToken);
            }
        }
        catch (RequestFailedException exception) when (_index is not null)
        {
            LogRefreshFailed(exception.Status, exception.Message);
        }
        finally
        {
            _gate.Release();
        }
        return _index!;
    }

    private async Task RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_index is null || now - _manifestReadAt >= _manifestEvery)
        {
            var stored = await store.ReadManifestAsync(_index is null ? null : _manifestETag, cancellationToken);
            if (!stored.Unchanged || _index is null)
            {
                var loaded = SearchIndex.Open(await segments.FilesOfAsync(stored.Manifest!, cancellationToken));
                // The previous index is left to the garbage collector, not disposed: queries begun on it may still be running.
                _index = loaded;
                _manifestETag = stored.ETag;
                _applied.Clear();
                _changesFrom = stored.Manifest!.ChangesUpTo is { } upTo ? SearchChangeEntity.Bound(SearchChangeEntity.TimeOf(upTo) - SearchIndexMerger.LateWrites) : null;
                LogLoaded(stored.Manifest.Documents, stored.Manifest.Files.Count);
            }
            _manifestReadAt = now;
        }
        var changes = await store.ReadChangesAsync(_changesFrom, cancellationToken);
        var fresh = changes.Where(change => !_applied.Contains(change.RowKey)).ToList();
        if (fresh.Count > 0)
        {
            await SearchChanges.ApplyAsync(_index, [.. fresh.Select(change => change.Slug).Distinct(StringComparer.Ordinal)], changes, store, cancellationToken);
            _index.Refresh();
            _applied.UnionWith(fresh.Select(change => change.RowKey));
            // Read back a little before the newest change next time (a change stamped earlier may land later), and
            // forget the applied changes older than that.
            _changesFrom = SearchChangeEntity.Bound(SearchChangeEntity.TimeOf(changes[^1].RowKey) - SearchIndexMerger.LateWrites);
            _applied.RemoveWhere(rowKey => string.CompareOrdinal(rowKey, _changesFrom) < 0);
        }
        _refreshedAt = now;
    }

    public void Dispose()
    {
        _index?.Dispose();
        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Search index loaded: {Documents} documents in {Files} files")]
    private partial void LogLoaded(int documents, int files);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Search index refresh failed ({Status}: {Reason}); answering from the index held")]
    private partial void LogRefreshFailed(int status, string reason);
}
