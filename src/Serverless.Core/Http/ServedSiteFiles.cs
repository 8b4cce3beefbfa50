using Microsoft.Extensions.Caching.Memory;
using Serverless.Core.Configuration;
using Serverless.Core.Storage;

namespace Serverless.Core.Http;

/// <summary>
/// Files of the site container (feeds, sitemaps, tag pages) held in memory for <see cref="SiteOptions.ServerCacheSeconds"/>,
/// as <see cref="ServedPages"/> holds article pages: feed readers poll, crawlers come back, and a warm read costs no
/// storage request; a cold one is one read. A missing file is remembered as briefly.
/// </summary>
public sealed class ServedSiteFiles(SiteFiles files, SiteOptions site) : IDisposable
{
    /// <summary>Bounds memory whatever the number of tags.</summary>
    private const long MaxCachedBytes = 64L * 1024 * 1024;

    /// <summary>Entries are sized before the file is read; a feed of 20 articles is some tens of kilobytes.</summary>
    private const long FileBytesEstimate = 64 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxCachedBytes });

    public Task<SiteFile?> GetAsync(string name, CancellationToken cancellationToken)
    {
        if (site.ServerCacheSeconds == 0)
        {
            return files.ReadAsync(name, cancellationToken);
        }
        // The loading task is cached, so concurrent misses share one read; it runs without any one caller's token.
        if (_cache.TryGetValue(name, out Task<SiteFile?>? cached) && cached is not null && !cached.IsFaulted && !cached.IsCanceled)
        {
            return cached.WaitAsync(cancellationToken);
        }
        var loading = files.ReadAsync(name, CancellationToken.None);
        _cache.Set(name, loading, new MemoryCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(site.ServerCacheSeconds),
            Size = FileBytesEstimate,
        });
        return loading.WaitAsync(cancellationToken);
    }

    public void Dispose() => _cache.Dispose();
}
