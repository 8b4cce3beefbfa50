using System.Collections.Concurrent;

namespace Serverless.Core.Storage;

/// <summary>
/// Reads of the indexes (keyword and tag partitions, titles, citations) shared by the renders of one instance. A
/// render may use a read made after the change that asked for it (<see cref="FreshReads"/>): every index write that
/// can change its page was made before its message was sent, so a read made since shows it, whoever made it. In a
/// burst, where stage 2 runs behind and the pages of one topic render together, most of a render's reads were made
/// moments before by another.
/// </summary>
public sealed class IndexReadCache(ArticleIndex index, TimeProvider time)
{
    /// <summary>Reads remembered: keyword partitions of ~50 rows, title and citation lookups of a few: tens of megabytes at most.</summary>
    public const int MaxReads = 4096;

    /// <summary>Citation pages longer than this (an article cited by hundreds) are not kept: memory, for a read few share.</summary>
    private const int MaxCitationsKept = 100;

    /// <summary>Reads older than this are dropped first when the cache is full: few renders still wait for changes that old.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, SharedRead> _reads = new(StringComparer.Ordinal);

    /// <summary>Reads made after <paramref name="freshAfter"/> (on this instance's clock); null takes none from the cache.</summary>
    public FreshReads After(DateTimeOffset? freshAfter) => new(this, freshAfter);

    internal Task<SharedRead> TopArticlesAsync(string partition, int max, DateTimeOffset? freshAfter, CancellationToken cancellationToken) =>
        ReadAsync($"k|{max}|{partition}", freshAfter, async () => await index.TopArticlesAsync(partition, max, cancellationToken), keep: _ => true);

    internal Task<SharedRead> FindTitleAsync(string titleKey, DateTimeOffset? freshAfter, CancellationToken cancellationToken) =>
        ReadAsync("t|" + titleKey, freshAfter, async () => await index.FindTitleAsync(titleKey, cancellationToken), keep: _ => true);

    internal Task<SharedRead> FindCitationsPageAsync(string referenceKey, string? afterRow, int pageSize, DateTimeOffset? freshAfter, CancellationToken cancellationToken) =>
        ReadAsync($"c|{pageSize}|{afterRow}|{referenceKey}", freshAfter, async () => await index.FindCitationsPageAsync(referenceKey, afterRow, pageSize, cancellationToken),
            keep: page => ((CitationPage)page).Rows.Count <= MaxCitationsKept);

    private async Task<SharedRead> ReadAsync(string key, DateTimeOffset? freshAfter, Func<Task<object>> read, Func<object, bool> keep)
    {
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
