using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Serverless.Core.Configuration;
using Serverless.Core.Parsing;
using Serverless.Core.Storage;

namespace Serverless.Core.Http;

/// <summary>
/// <c>GET /og/{slug}.png?v={version}</c>: the share card stored at publish time, never drawn per request. Immutable
/// for a year when <c>v</c> names the version served, which only changes with the card; otherwise (no <c>v</c>, or an
/// older version's URL still in a post) the current card with the site's short cache lifetime.
/// </summary>
public sealed class ShareCardHandlers(ServedCards servedCards, SiteOptions site)
{
    public const string VersionParameter = "v";

    public async Task<IResult> GetAsync(HttpRequest request, string slug, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        var card = Slugs.IsValid(slug) ? await servedCards.GetAsync(slug, cancellationToken) : null;
        if (card is null)
        {
            HttpCaching.SetNotCacheable(response);
            return Results.NotFound();
        }
        if (request.Query[VersionParameter] == card.Version)
        {
            response.Headers.CacheControl = ShareCardStore.ImmutableCacheControl;
        }
        else
        {
            HttpCaching.SetCacheable(response, site.CacheSeconds);
        }
        // The framework answers If-None-Match with 304, and HEAD without a body.
        return Results.Bytes(card.Png, ShareCardStore.ContentType, entityTag: new EntityTagHeaderValue($"\"{card.ContentHash}\""));
    }
}
