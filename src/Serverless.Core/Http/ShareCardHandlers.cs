using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Serverless.Core.Configuration;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Http;

/// <summary>
/// <c>GET /og/{slug}.png?v={version}</c>: the share card stored at publish time, never drawn per request, held briefly in
/// memory (<see cref="ServedResponses"/>): a link shared widely brings every network's scraper for the card at once.
/// Immutable for a year when <c>v</c> names the version served, which only changes with the card; otherwise (no
/// <c>v</c>, or an older version's URL still in a post) the current card with the site's short cache lifetime.
/// </summary>
public sealed class ShareCardHandlers(ArticleRepository repository, ShareCardStore cards, ServedResponses served, SiteOptions site)
{
    public const string VersionParameter = "v";

    private readonly string _cacheControl = HttpCaching.Public(site.CacheSeconds);

    public async Task<IResult> GetAsync(HttpRequest request, string slug, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        var card = Slugs.IsValid(slug)
            ? await served.GetAsync("card:" + slug, (Handlers: this, Slug: slug), static (state, token) => state.Handlers.LoadAsync(state.Slug, token), cancellationToken)
            : null;
        if (card is not { Status: ServedStatus.Ok })
        {
            HttpCaching.SetNotCacheable(response);
            return Results.NotFound();
        }
        response.Headers.CacheControl = request.Query[VersionParameter] == card.Detail ? ShareCardStore.ImmutableCacheControl : _cacheControl;
        // The framework answers If-None-Match with 304, and HEAD without a body.
        return card.Result!;
    }

    /// <summary>The card of the article served at <paramref name="slug"/>: none when no such article, not served, has an image, or not drawn yet.</summary>
    private async Task<ServedResponse> LoadAsync(string slug, CancellationToken cancellationToken)
    {
        var article = await repository.GetStoredArticleAsync(slug, cancellationToken);
        if (article is not { IsServed: true })
        {
            return ServedResponse.Without(ServedStatus.NotFound);
        }
        // The version the outputs' state names; while a new card replaces it (the page may already name the new one,
        // and the old blob goes before the state is saved), whichever of the two is stored.
        string?[] versions = [article.Outputs.ShareCardVersion, ShareCardRenderer.VersionOf(article, site)];
        foreach (var version in versions.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await cards.ReadAsync(ShareCardStore.BlobNameFor(slug, version), cancellationToken) is { } png)
            {
                return new ServedResponse(ServedStatus.Ok, png, ShareCardStore.ContentType, $"\"{Convert.ToHexStringLower(SHA256.HashData(png))[..32]}\"", detail: version);
            }
        }
        return ServedResponse.Without(ServedStatus.NotFound);
    }
}
