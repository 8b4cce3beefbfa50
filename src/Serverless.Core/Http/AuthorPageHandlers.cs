using Microsoft.AspNetCore.Http;
using Serverless.Core.Admin;
using Serverless.Core.AuthorPages;

namespace Serverless.Core.Http;

/// <summary>
/// The pages authors read in a browser, behind the admin key or a signed-in session as the admin API is: the share
/// preview. Each is private (no-store), out of search engines, and runs no script (<see cref="AuthorLayout.ContentSecurityPolicy"/>).
/// </summary>
public sealed class AuthorPageHandlers(AdminHandlers admin, PublicationStatusReader statuses, AuthorLayout layout, SharePreviewPage sharePreviewPage, DashboardPage dashboardPage)
{
    /// <summary>How the signed-in author signs out (<see cref="AuthorSignOut"/>): set by the session check, absent when the key came with the request.</summary>
    public const string SignOutItem = "Serverless.SignOut";

    public async Task<IResult> SharePreviewAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var answer = await admin.ReadSharePreviewAsync(request, cancellationToken);
        if (answer.Share is null)
        {
            HttpCaching.SetPrivate(request.HttpContext.Response);
            return answer.Problem!;
        }
        return Page(request, sharePreviewPage.Render(answer.BlobName, answer.Share, SignOut(request)));
    }

    /// <summary>
    /// The dashboard: a page of uploaded blobs (<c>?top=</c>, <c>?continuationToken=</c> for the
    /// next), <c>?state=</c> keeping the rows in one state. At the folder's address without its final slash, it sends
    /// the browser to the address with it, so that the pages' relative links resolve.
    /// </summary>
    public async Task<IResult> DashboardAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.Path.Value!.EndsWith('/'))
        {
            HttpCaching.SetPrivate(request.HttpContext.Response);
            return Results.Redirect(request.PathBase + request.Path + "/" + request.QueryString);
        }
        PublicationState? state = null;
        if (request.Query["state"].ToString() is { Length: > 0 } stateName)
        {
            if (!Enum.TryParse<PublicationState>(stateName, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(stateName, out _))
            {
                HttpCaching.SetPrivate(request.HttpContext.Response);
                return ApiHandlers.Problem(StatusCodes.Status400BadRequest, "Invalid 'state'", "'state' is one of: " + string.Join(", ", Enum.GetNames<PublicationState>()).ToLowerInvariant() + ".");
            }
            state = parsed;
        }
        var read = await AdminHandlers.ReadPageAsync(request, statuses.ListAsync, cancellationToken);
        if (read.Page is not { } page)
        {
            HttpCaching.SetPrivate(request.HttpContext.Response);
            return read.Problem!;
        }
        var next = page.ContinuationToken is { } more
            ? (state is null ? string.Empty : "state=" + state.Value.ToString().ToLowerInvariant() + "&")
              + (request.Query["top"].ToString() is { Length: > 0 } top ? "top=" + Uri.EscapeDataString(top) + "&" : string.Empty)
              + "continuationToken=" + Uri.EscapeDataString(more)
            : null;
        return Page(request, dashboardPage.Render(page, state, next, SignOut(request)));
    }

    /// <summary>The page as it would publish (<see cref="AdminHandlers.PreviewAsync"/>), at the author pages' address.</summary>
    public Task<IResult> PagePreviewAsync(HttpRequest request, CancellationToken cancellationToken) => admin.PreviewAsync(request, cancellationToken);

    private static AuthorSignOut? SignOut(HttpRequest request) => request.HttpContext.Items[SignOutItem] as AuthorSignOut;

    private IResult Page(HttpRequest request, string html)
    {
        var response = request.HttpContext.Response;
        HttpCaching.SetPrivate(response);
        response.Headers.ContentSecurityPolicy = layout.ContentSecurityPolicy;
        response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        return Results.Content(html, PageHandlers.HtmlContentType);
    }
}
