using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Serverless.Core.Http;

/// <summary>Validators and cache headers shared by pages and API answers.</summary>
internal static class HttpCaching
{
    /// <summary>True when the request's If-None-Match names <paramref name="etag"/> (or is *): answer 304.</summary>
    public static bool IsNotModified(HttpRequest request, string etag)
    {
        var ifNoneMatch = request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch is null || ifNoneMatch.Count == 0)
        {
            return false;
        }
        var current = new EntityTagHeaderValue(etag);
        return ifNoneMatch.Any(candidate => candidate.Equals(EntityTagHeaderValue.Any) || candidate.Compare(current, useStrongComparison: false));
    }

    public static void SetCacheable(HttpResponse response, int seconds, string? etag = null)
    {
        response.Headers.CacheControl = seconds > 0
            ? string.Create(CultureInfo.InvariantCulture, $"public, max-age={seconds}, stale-while-revalidate={seconds * 5}")
            : "no-cache";
        if (etag is not null)
        {
            response.Headers.ETag = etag;
        }
    }

    public static void SetNotCacheable(HttpResponse response) => response.Headers.CacheControl = "no-cache";

    /// <summary>For answers only the key holder may read (admin statuses, draft previews): kept by no cache at all.</summary>
    public static void SetPrivate(HttpResponse response) => response.Headers.CacheControl = "private, no-store";
}
