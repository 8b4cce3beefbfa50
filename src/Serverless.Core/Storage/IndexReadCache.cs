using System.Collections.Concurrent;

namespace Serverless.Core.Storage;

/// <summary>
/// Reads of the indexes (keyword and tag partitions, titles, citations) shared by the renders of one instance. A
/// render may use a read made after the change that asked for it (<see cref="FreshReads"/>): every index write that
/// can change its page was made before its message was sent, so a read made since shows it, whoever made it. In a
/// burst, where stage 2 runs behind and the pages of one topic render together, most of a render's reads were made
/// moments before by another.
/// </summary>
/// <remarks>
/// Before an import's held renders go, the indexes are read whole once (<see cref="HoldSnapshotAsync"/>): a render fresh
/// enough for it reads none of them.
/// </remarks>
public sealed class IndexReadCache(ArticleIndex index, ArticleRepository repository, TimeProvider time)
{
    /// <summary>How long a snapshot is kept: the renders it was read for are done well before; later ones read after it.</summary>
    public static readonly TimeSpan SnapshotLifetime = TimeSpan.FromMinutes(10);

    private IndexSnapshot? _snapshot;

    /// <summary>Reads remembered: keyword partitions of ~50 rows, title and citation lookups of a few: tens of megabytes at most.</summary>
    public const int MaxReads = 4096;

    /// <summary>Citation pages longer than this (an article cited by hundreds) are not kept: memory, for a read few share.</summary>
    private const int MaxCitationsKept = 100;

    /// <summary>Reads older than this are dropped first when the cache is full: few renders still wait for changes that old.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, SharedRead> _reads = new(StringComparer.Ordinal);

    /// <summary>Reads made after <paramref name="freshAfter"/> (on this instance's clock); null takes none from the cache.</summary>
    public FreshReads After(DateTimeOffset? freshAfter) => new(this, freshAfter);

    /// <summary>
    /// Reads the indexes whole (<see cref="IndexSnapshot"/>, each table up to <paramref name="maxRows"/> rows) for the
    /// renders about to run, replacing any snapshot held: those asked for before now use it rather than the tables.
    /// </summary>
    public async Task<IndexSnapshot> HoldSnapshotAsync(int maxRows, CancellationToken cancellationToken)
    {
        var snapshot = await IndexSnapshot.ReadAsync(index, maxRows, time.GetUtcNow(), cancellationToken);
        _snapshot = snapshot;
        return snapshot;
    }

    internal Task<SharedRead> TopArticlesAsync(string partition, int max, DateTimeOffset? freshAfter, CancellationToken cancellationToken) =>
        ReadAsync($"k|{max}|{partition}", freshAfter, async () => await index.TopArticlesAsync(partition, max, cancellationToken), keep: _ => true,
            snapshot => snapshot.TopArticles(partition, max));

    internal Task<SharedRead> FindTitleAsync(string titleKey, DateTimeOffset? freshAfter, CancellationToken cancellationToken) =>
        ReadAsync("t|" + titleKey, freshAfter, async () => await index.FindTitleAsync(titleKey, cancellationToken), keep: _ => true,
            snapshot => snapshot.FindTitle(titleKey));

    internal Task<SharedRead> FindCitationsPageAsync(string referenceKey, string? afterRow, int pageSize, DateTimeOffset? freshAfter, CancellationToken cancellationToken) =>
        ReadAsync($"c|{pageSize}|{afterRow}|{referenceKey}", freshAfter, async () => await index.FindCitationsPageAsync(referenceKey, afterRow, pageSize, cancellationToken),
            keep: page => ((CitationPage)page).Rows.Count <= MaxCitationsKept, snapshot => snapshot.FindCitationsPage(referenceKey, afterRow, pageSize));

    /// <summary>
    /// An article's neighbours in a tag (<see cref="ArticleRepository.TagNeighboursAsync"/>): from the snapshot when it
    /// is fresh enough, otherwise read, and not kept (no other render asks for the same place).
    /// </summary>
    internal async Task<SharedRead> TagNeighboursAsync(string tagSlug, string rowKey, DateTimeOffset? freshAfter, CancellationToken cancellationToken) =>
        FromSnapshot(freshAfter, snapshot => snapshot.TagNeighbours(tagSlug, rowKey))
        ?? new SharedRead(time.GetUtcNow(), Task.FromResult<object>(await repository.TagNeighboursAsync(tagSlug, rowKey, cancellationToken)));

    /// <summary>The snapshot's answer, when one is held that was read after <paramref name="freshAfter"/> and holds the table asked.</summary>
    private SharedRead? FromSnapshot(DateTimeOffset? freshAfter, Func<IndexSnapshot, object?> answer)
    {
        if (freshAfter is not { } after || _snapshot is not { } snapshot || snapshot.ReadAt <= after)
        {
            return null;
        }
        if (time.GetUtcNow() - snapshot.ReadAt > SnapshotLifetime)
        {
            Interlocked.CompareExchange(ref _snapshot, null, snapshot);
            return null;
        }
        return answer(snapshot) is { } found ? new SharedRead(snapshot.ReadAt, Task.FromResult(found)) : null;
    }

    private async Task<SharedRead> ReadAsync(string key, DateTimeOffset? freshAfter, Func<Task<object>> read, Func<object, bool> keep, Func<IndexSnapshot, object?> fromSnapshot)
    {
        if (FromSnapshot(freshAfter, fromSnapshot) is { } held)
        {
            return held;
        }
        if (freshAfter is { } after && _reads.TryGetValue(key, out var cached) && cached.ReadAt > after && !cached.Value.IsFaulted && !cached.Value.IsCanceled)
        {
            return cached;
        }
        // Stamped when it starts: what the read returns is at least as new as that.
        var shared = new SharedRead(time.GetUtcNow(), read());
        if (_reads.Count >= MaxReads)
        {
            Evict(shared.ReadAt - MaxAge);
        }
        _reads[key] = shared;
        try
        {
            if (!keep(await shared.Value))
            {
                _reads.TryRemove(new KeyValuePair<string, SharedRead>(key, shared));
            }
        }
        catch
        {
            _reads.TryRemove(new KeyValuePair<string, SharedRead>(key, shared));
            throw;
        }
        return shared;
    }

    private void Evict(DateTimeOffset before)
    {
        foreach (var old in _reads.Where(entry => entry.Value.ReadAt < before))
        {
            _reads.TryRemove(old);
        }
        if (_reads.Count >= MaxReads)
        {
            _reads.Clear();
        }
    }

    /// <summary>A read, when it began, and what it returns.</summary>
    internal sealed record SharedRead(DateTimeOffset ReadAt, Task<object> Value);
}
