using Serverless.Core.AuthorPages;
using Serverless.Core.Http;
using Serverless.LocalServer.Hosting;

namespace Serverless.LocalServer.Endpoints;

/// <summary>
/// Signing in and out of the author pages from a browser (<see cref="AdminSessions"/>). The form posts the key; a post
/// from another origin is refused (a site cannot sign a visitor into this one), and a wrong key shows the form again.
/// </summary>
public static class SignInEndpoints
{
    public static IEndpointRouteBuilder MapSignInEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SignInPage.Path, (HttpRequest request, AuthorLayout layout) =>
            Page(request, layout, StatusCodes.Status200OK, SignInPage.Render(layout, null, SignInPage.SafeReturn(request.Query["return"]))));

        endpoints.MapPost(SignInPage.Path, async (HttpRequest request, AuthorLayout layout, AdminKey key, AdminSessions sessions) =>
        {
            if (!IsSameOrigin(request))
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Sign-in from another site", detail: "The sign-in form only accepts posts from this site's own pages.");
            }
            var form = request.HasFormContentType ? await request.ReadFormAsync(request.HttpContext.RequestAborted) : FormCollection.Empty;
            var returnTo = SignInPage.SafeReturn(form["return"]);
            if (!key.IsKey(form["key"].ToString()))
            {
                return Page(request, layout, StatusCodes.Status401Unauthorized, SignInPage.Render(layout, "That is not the admin key.", returnTo));
            }
            sessions.SignIn(request.HttpContext);
            return Results.Redirect(returnTo, permanent: false, preserveMethod: false);
        });

        // Behind the gate, which requires the session's CSRF token for a post.
        endpoints.MapPost("/" + Routes.AuthorPages + "/sign-out", (HttpContext context) =>
        {
            AdminSessions.SignOut(context);
            return Results.Redirect(SignInPage.Path);
        });
        return endpoints;
    }

    /// <summary>Browsers send Origin with every form post; a post without one comes from no page at all (a script), which the key alone decides.</summary>
    private static bool IsSameOrigin(HttpRequest request) =>
        request.Headers.Origin.ToString() is not { Length: > 0 } origin
        || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);

    private static IResult Page(HttpRequest request, AuthorLayout layout, int status, string html)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = layout.ContentSecurityPolicy;
        headers.CacheControl = "private, no-store";
        headers["X-Robots-Tag"] = "noindex, nofollow";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
