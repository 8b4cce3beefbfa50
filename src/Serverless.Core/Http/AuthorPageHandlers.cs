using Microsoft.AspNetCore.Http;
using Serverless.Core.AuthorPages;

namespace Serverless.Core.Http;

/// <summary>
/// The pages authors read in a browser, behind the admin key or a signed-in session as the admin API is: the share
/// preview. Each is private (no-store), out of search engines, and runs no script (<see cref="AuthorLayout.ContentSecurityPolicy"/>).
/// </summary>
public sealed class AuthorPageHandlers(AdminHandlers admin, AuthorLayout layout, SharePreviewPage sharePreviewPage)
{
    /// <summary>The CSRF token of a browser session, which pages put in their forms; set by the session check, absent when the key came with the request.</summary>
    public const string CsrfTokenItem = "Serverless.CsrfToken";

    public async Task<IResult> SharePreviewAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var answer = await admin.ReadSharePreviewAsync(request, cancellationToken);
        if (answer.Share is null)
        {
            HttpCaching.SetPrivate(request.HttpContext.Response);
            return answer.Problem!;
        }
        return Page(request, sharePreviewPage.Render(answer.BlobName, answer.Share, CsrfToken(request)));
    }

    internal static string? CsrfToken(HttpRequest request) => request.HttpContext.Items[CsrfTokenItem] as string;

    private IResult Page(HttpRequest request, string html)
    {
        var response = request.HttpContext.Response;
        HttpCaching.SetPrivate(response);
        response.Headers.ContentSecurityPolicy = layout.ContentSecurityPolicy;
        response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        return Results.Content(html, PageHandlers.HtmlContentType);
    }
}
