using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Serverless.Core.Http;

/// <summary>
/// Cache-Control values shared by pages and API answers. Conditional requests (If-None-Match, If-Modified-Since → 304)
/// are the framework's: <see cref="Results.Bytes(byte[], string?, string?, bool, DateTimeOffset?, Microsoft.Net.Http.Headers.EntityTagHeaderValue?)"/>.
/// </summary>
internal static class HttpCaching
{
    public const string NoCache = "no-cache";

    /// <summary>For answers only the key holder may read (admin statuses, draft previews): kept by no cache at all.</summary>
    public const string Private = "private, no-store";

    /// <summary>What browsers and CDNs may keep <paramref name="seconds"/>; computed once per handler, not per request.</summary>
    public static string Public(int seconds) => seconds > 0
        ? string.Create(CultureInfo.InvariantCulture, $"public, max-age={seconds}, stale-while-revalidate={seconds * 5}")
        : NoCache;

    public static void SetNotCacheable(HttpResponse response) => response.Headers.CacheControl = NoCache;

    public static void SetPrivate(HttpResponse response) => response.Headers.CacheControl = Private;
}
