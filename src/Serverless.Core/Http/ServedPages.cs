using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Serverless.Core.Configuration;
using Serverless.Core.Storage;

namespace Serverless.Core.Http;

/// <summary>What a page view needs: the article record and, when it is served, the page's bytes.</summary>
public sealed record ServedPage(ArticleEntity? Article, byte[]? Html);

/// <summary>
/// Article pages held in memory for <see cref="SiteOptions.ServerCacheSeconds"/>: readers arrive in bursts when an
/// article is shared, and a warm view then costs no storage request at all. The short lifetime bounds how long any
/// instance serves a version after a republish, without cross-instance invalidation. The last page read stays
/// longer (<see cref="StaleIfError"/>): while storage cannot be reached, readers get it rather than an error.
/// </summary>
public sealed partial class ServedPages(ArticleRepository repository, PageStore pages, SiteOptions site, ILogger<ServedPages> logger) : IDisposable
{
    /// <summary>How long after its last successful read a page is still served when storage fails (RFC 5861's stale-if-error).</summary>
    public static readonly TimeSpan StaleIfError = TimeSpan.FromHours(1);

    /// <summary>Bounds memory whatever the corpus: a page counts its bytes.</summary>
    private const long MaxCachedBytes = 256L * 1024 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxCachedBytes });

    public Task<ServedPage> GetAsync(string slug, CancellationToken cancellationToken)
    {
        if (site.ServerCacheSeconds == 0)
        {
            return LoadAsync(slug, cancellationToken);
        }
        // The loading task is what is cached, so the requests that miss together share one pair of storage reads
        // instead of each making their own when an entry expires under load. It runs without any one caller's token.
        if (_cache.TryGetValue(slug, out Task<ServedPage>? cached) && cached is not null && !cached.IsFaulted && !cached.IsCanceled)
        {
            return cached.WaitAsync(cancellationToken);
        }
        var loading = LoadOrLastServedAsync(slug);
        _cache.Set(slug, loading, new MemoryCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(site.ServerCacheSeconds),
            Size = MaxPageBytesEstimate,
        });
        return loading.WaitAsync(cancellationToken);
    }

    private async Task<ServedPage> LoadOrLastServedAsync(string slug)
    {
        var lastServedKey = (nameof(StaleIfError), slug);
        try
        {
            var page = await LoadAsync(slug, CancellationToken.None);
            _cache.Set(lastServedKey, page, new MemoryCacheEntryOptions { SlidingExpiration = StaleIfError, Size = page.Html?.Length ?? 1 });
            return page;
        }
        catch (Exception exception) when (_cache.TryGetValue(lastServedKey, out ServedPage? lastServed) && lastServed is not null)
        {
            // Held like a fresh read for ServerCacheSeconds, then storage is tried again.
            LogServingLastRead(slug, exception);
            return lastServed;
        }
    }

    /// <summary>Cache entries are sized before their page is read; a generous estimate keeps the bound conservative.</summary>
    private const long MaxPageBytesEstimate = 64 * 1024;

    private async Task<ServedPage> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        // A republish can delete the page blob between the two reads: read the record again once.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var article = await repository.GetArticleAsync(slug, cancellationToken);
            if (article is not { IsServed: true })
            {
                return new ServedPage(article, null);
            }
            if (await pages.ReadAsync(article.PageBlob!, cancellationToken) is { } html)
            {
                return new ServedPage(article, html);
            }
        }
        return new ServedPage(null, null);
    }

    public void Dispose() => _cache.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage failed reading the page of {Slug}; serving the last one read")]
    private partial void LogServingLastRead(string slug, Exception exception);
}
