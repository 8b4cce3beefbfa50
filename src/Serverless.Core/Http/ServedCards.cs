using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Serverless.Core.Configuration;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Http;

/// <summary>A stored share card as served: its version, its bytes, and a hash of those bytes for the ETag.</summary>
public sealed record ServedCard(string Version, byte[] Png, string ContentHash);

/// <summary>
/// Share cards held in memory for <see cref="SiteOptions.ServerCacheSeconds"/>, as <see cref="ServedPages"/> holds
/// pages: a link shared widely brings every network's scraper for the card at once. Only stored cards are served;
/// nothing is drawn here.
/// </summary>
public sealed class ServedCards(ArticleRepository repository, ShareCardStore cards, SiteOptions site) : IDisposable
{
    private const long MaxCachedBytes = 64L * 1024 * 1024;

    /// <summary>Entries are sized before their card is read; cards weigh 30 to 110 KB.</summary>
    private const long CardBytesEstimate = 128 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxCachedBytes });

    /// <summary>The card of the article served at <paramref name="slug"/>, or null: no such article, not served, has an image, or not drawn yet.</summary>
    public Task<ServedCard?> GetAsync(string slug, CancellationToken cancellationToken)
    {
        if (site.ServerCacheSeconds == 0)
        {
            return LoadAsync(slug, cancellationToken);
        }
        // The loading task is cached, so that requests missing together share one pair of storage reads.
        if (_cache.TryGetValue(slug, out Task<ServedCard?>? cached) && cached is not null && !cached.IsFaulted && !cached.IsCanceled)
        {
            return cached.WaitAsync(cancellationToken);
        }
        var loading = LoadAsync(slug, CancellationToken.None);
        _cache.Set(slug, loading, new MemoryCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(site.ServerCacheSeconds),
            Size = CardBytesEstimate,
        });
        return loading.WaitAsync(cancellationToken);
    }

    private async Task<ServedCard?> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var article = await repository.GetArticleAsync(slug, cancellationToken);
        if (article is not { IsServed: true })
        {
            return null;
        }
        // The version the record names; while a new card replaces it (the page may already name the new one, and the
        // old blob goes before the record is saved), whichever of the two is stored.
        string?[] versions = [article.ShareCardVersion, ShareCardRenderer.VersionOf(article, site)];
        foreach (var version in versions.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await cards.ReadAsync(ShareCardStore.BlobNameFor(slug, version), cancellationToken) is { } png)
            {
                return new ServedCard(version, png, Convert.ToHexStringLower(SHA256.HashData(png))[..32]);
            }
        }
        return null;
    }

    public void Dispose() => _cache.Dispose();
}
