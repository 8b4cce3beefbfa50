using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Serverless.Core.Configuration;

namespace Serverless.Core.Http;

/// <summary>
/// The answers of every public route, held in memory (<see cref="HybridCache"/>) for
/// <see cref="SiteOptions.ServerCacheSeconds"/>: readers arrive in bursts when an article is shared, feed readers poll,
/// crawlers come back, and a warm request then costs no storage request at all. HybridCache runs one load per key
/// however many requests miss together. The short lifetime bounds how long any instance serves a version after a
/// republish, without cross-instance invalidation. The last answer read stays longer (<see cref="StaleIfError"/>):
/// while storage cannot be reached, readers get it rather than an error, and get it after <see cref="StaleAfter"/>
/// rather than once the storage SDK's retries are spent (about 6 s); the read goes on, and what it reads is served
/// once it lands (stale-while-revalidate), so that slow storage delays a change by the read's time, not for ever.
/// </summary>
public sealed partial class ServedResponses(HybridCache cache, SiteOptions site, ILogger<ServedResponses> logger)
{
    /// <summary>How long after its last successful read an answer is still served when storage fails (RFC 5861's stale-if-error).</summary>
    public static readonly TimeSpan StaleIfError = TimeSpan.FromHours(1);

    /// <summary>Bounds the memory all cached answers take together, each counted by its bytes.</summary>
    public const long MaxCachedBytes = 256L * 1024 * 1024;

    /// <summary>
    /// The largest answer cached: above an article page from the largest upload accepted, or an image; a larger one is
    /// served, read each time.
    /// </summary>
    public const long MaxEntryBytes = 32L * 1024 * 1024;

    /// <summary>
    /// How long a read waits for storage when the last answer is at hand. A healthy account answers in tens of
    /// milliseconds; past this the SDK is retrying a failure (its first retry comes after 0.8 s, the last after about
    /// 6 s), and a reader is better served the last answer now. Without a last answer the read waits the retries out.
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(1.5);

    private const string LastServedPrefix = "last-served:";

    /// <summary>Reads that outlived the request that started them, by key: at most one per key.</summary>
    private readonly ConcurrentDictionary<string, Task<ServedResponse>> _reading = new(StringComparer.Ordinal);

    private readonly HybridCacheEntryOptions _fresh = new()
    {
        Expiration = TimeSpan.FromSeconds(site.ServerCacheSeconds),
        LocalCacheExpiration = TimeSpan.FromSeconds(site.ServerCacheSeconds),
    };

    private readonly HybridCacheEntryOptions _lastServed = new() { Expiration = StaleIfError, LocalCacheExpiration = StaleIfError };

    /// <summary>Looks the last answer up without loading or storing anything.</summary>
    private static readonly HybridCacheEntryOptions LastServedLookup = new()
    {
        Flags = HybridCacheEntryFlags.DisableUnderlyingData | HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    /// <summary>
    /// The answer cached under <paramref name="key"/> (a route prefix and its parameters), or what <paramref name="load"/>
    /// reads from storage. The load runs without any one caller's token, shared by the requests waiting for it.
    /// </summary>
    public async ValueTask<ServedResponse> GetAsync<TState>(string key, TState state, Func<TState, CancellationToken, Task<ServedResponse>> load,
        CancellationToken cancellationToken)
    {
        if (site.ServerCacheSeconds == 0)
        {
            return await load(state, cancellationToken);
        }
        try
        {
            return await cache.GetOrCreateAsync(key, (Served: this, Key: key, State: state, Load: load),
                static (loading, token) => loading.Served.LoadOrLastServedAsync(loading.Key, loading.State, loading.Load, token),
                _fresh, tags: null, cancellationToken);
        }
        catch (TooLargeToCacheException tooLarge)
        {
            return tooLarge.Response;
        }
    }

    private async ValueTask<ServedResponse> LoadOrLastServedAsync<TState>(string key, TState state,
        Func<TState, CancellationToken, Task<ServedResponse>> load, CancellationToken cancellationToken)
    {
        // Looked up before the read (memory only): whether the read may give up waiting early.
        var lastServed = await LastServedAsync(key);
        if (lastServed is null)
        {
            return await LoadAndKeepAsync(key, state, load, cancellationToken);
        }
        // The read goes on past StaleAfter, and what it reads is cached when it lands: on slow storage an unpublished
        // page answers 410 once storage answers, rather than the last answer for as long as storage stays slow. One
        // read per key at a time: a request arriving while one is under way waits for that one.
        if (!_reading.TryGetValue(key, out var reading))
        {
            var read = new TaskCompletionSource<ServedResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            reading = _reading.GetOrAdd(key, read.Task);
            if (reading == read.Task)
            {
                _ = ReadOnAsync(key, state, load, read);
            }
        }
        try
        {
            return await reading.WaitAsync(StaleAfter, cancellationToken);
        }
        catch (TimeoutException) when (!reading.IsCompleted)
        {
            LogServingLastReadAfterWait(key, StaleAfter.TotalSeconds);
            return lastServed;
        }
        catch (Exception exception) when (exception is not TooLargeToCacheException && !cancellationToken.IsCancellationRequested)
        {
            LogServingLastRead(key, exception);
            return lastServed;
        }
    }

    /// <summary>Reads on, whoever waits: the answer is cached for ServerCacheSeconds when it lands, then forgotten as under way.</summary>
    private async Task ReadOnAsync<TState>(string key, TState state, Func<TState, CancellationToken, Task<ServedResponse>> load, TaskCompletionSource<ServedResponse> read)
    {
        try
        {
            var response = await LoadAndKeepAsync(key, state, load, CancellationToken.None);
            await cache.SetAsync(key, response, _fresh, tags: null, CancellationToken.None);
            read.SetResult(response);
        }
        catch (Exception exception)
        {
            read.SetException(exception);
            // Observed here: the requests that started it may all have been answered already.
            _ = read.Task.Exception;
        }
        finally
        {
            _reading.TryRemove(KeyValuePair.Create(key, read.Task));
        }
    }

    /// <summary>
    /// Loads, and keeps what was read as the last answer: an answer with a body replaces it, any other (410 Gone, 404)
    /// removes it, so that a later slow read cannot bring an unpublished page back.
    /// </summary>
    private async Task<ServedResponse> LoadAndKeepAsync<TState>(string key, TState state, Func<TState, CancellationToken, Task<ServedResponse>> load,
        CancellationToken cancellationToken)
    {
        var response = await load(state, cancellationToken);
        if (response.Body.Length > MaxEntryBytes)
        {
            // HybridCache would keep an answer over its payload limit in memory uncounted: a failed load is not kept.
            throw new TooLargeToCacheException(response);
        }
        if (response.Status == ServedStatus.Ok)
        {
            // Only answers with a body are kept for outages: an hour of "not found" for every slug ever asked would
            // let requests for made-up addresses fill memory.
            await cache.SetAsync(LastServedPrefix + key, response, _lastServed, tags: null, CancellationToken.None);
        }
        else
        {
            await cache.RemoveAsync(LastServedPrefix + key, CancellationToken.None);
        }
        return response;
    }

    private ValueTask<ServedResponse?> LastServedAsync(string key) =>
        cache.GetOrCreateAsync<ServedResponse?>(LastServedPrefix + key, static _ => ValueTask.FromResult<ServedResponse?>(null), LastServedLookup,
            tags: null, CancellationToken.None);

    /// <summary>Carries an answer too large to hold past the loaders waiting for it.</summary>
    private sealed class TooLargeToCacheException(ServedResponse response) : Exception("The answer is served without being cached.")
    {
        public ServedResponse Response { get; } = response;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage failed reading {Key}; serving the last answer read")]
    private partial void LogServingLastRead(string key, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage did not answer reading {Key} within {Seconds} s; serving the last answer read while the read goes on")]
    private partial void LogServingLastReadAfterWait(string key, double seconds);
}
