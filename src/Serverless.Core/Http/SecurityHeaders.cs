using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Serverless.Core.Http;

/// <summary>
/// The headers every answer carries, whatever produced it (a page, the API, a feed, an error, an unmatched path): no
/// content sniffing, no referrer beyond the origin to other sites, and, unless a page set its own, a policy that
/// lets the answer load and run nothing, nor be framed.
/// </summary>
public static class SecurityHeaders
{
    public const string DefaultContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = DefaultContentSecurityPolicy;
        }
    }
}
