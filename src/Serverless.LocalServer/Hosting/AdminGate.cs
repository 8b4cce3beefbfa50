using System.Text.RegularExpressions;
using Serverless.Core.AuthorPages;
using Serverless.Core.Http;

namespace Serverless.LocalServer.Hosting;

/// <summary>
/// Stands before every path of the admin API (<c>/api/admin/…</c>) and of the author pages (<c>/admin/…</c>), routed
/// or not, as the Functions host checks a function key: the admin key (header or <c>?code=</c>, for scripts) or a
/// signed-in browser session (<see cref="AdminSessions"/>) lets the request through; a session's state-changing
/// request must also carry its CSRF token (403 without). Anyone else gets the same 401 whatever the path, so that
/// nobody can probe which routes exist. Only the sign-in form is open.
/// </summary>
public static partial class AdminGate
{
    public static IApplicationBuilder UseAdminGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var services = context.RequestServices;
        if (!IsProtected(request.Path) || request.Path.Equals(SignInPath, StringComparison.OrdinalIgnoreCase)
            || services.GetRequiredService<AdminKey>().Accepts(request))
        {
            await next(context);
            return;
        }
        if (services.GetRequiredService<AdminSessions>().CsrfTokenOf(request) is { } csrf)
        {
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !await AdminSessions.CarriesCsrfTokenAsync(request, csrf))
            {
                await CsrfRefused.ExecuteAsync(context);
                return;
            }
            context.Items[AuthorPageHandlers.SignOutItem] = AuthorSignOut.LocalSession(csrf);
            await next(context);
            return;
        }
        // A browser is shown where to sign in; the page is the same whatever the path asked.
        var unauthorized = request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal) ? UnauthorizedPage(context) : Unauthorized;
        await unauthorized.ExecuteAsync(context);
    });

    /// <summary>The sign-in form, the one author page open to all.</summary>
    public const string SignInPath = SignInPage.Path;

    /// <remarks>
    /// Read as the most lenient server or proxy in front would read it: Kestrel leaves <c>%2F</c> encoded and keeps
    /// <c>\</c> and repeated slashes, which IIS, nginx (merge_slashes) and others take as one separator; such a
    /// spelling of an admin path gets the same 401, not a 404 that a proxy's reading could turn into the real route.
    /// </remarks>
    internal static bool IsProtected(PathString path)
    {
        var lenient = new PathString(RepeatedSeparators().Replace(
            (path.Value ?? string.Empty).Replace("%2F", "/", StringComparison.OrdinalIgnoreCase).Replace('\\', '/'), "/"));
        return lenient.StartsWithSegments("/" + Routes.AdminPrefix, StringComparison.OrdinalIgnoreCase)
            || lenient.StartsWithSegments("/" + Routes.AuthorPages, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("/{2,}")]
    private static partial Regex RepeatedSeparators();

    /// <summary>One answer for every protected path: it names no route, blob or article.</summary>
    private static readonly IResult Unauthorized = Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Admin key required",
        detail: $"Pass the admin key in the {AdminKey.Header} header or the {AdminKey.QueryParameter} query parameter, or sign in at {SignInPath}.");

    private static readonly IResult CsrfRefused = Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "CSRF token required",
        detail: $"A signed-in browser's changes must carry the session's token in the '{AdminSessions.CsrfField}' form field or the {AdminSessions.CsrfHeader} header: the author pages' forms do.");

    private static IResult UnauthorizedPage(HttpContext context)
    {
        var layout = context.RequestServices.GetRequiredService<AuthorLayout>();
        context.Response.Headers.ContentSecurityPolicy = layout.ContentSecurityPolicy;
        context.Response.Headers.CacheControl = "private, no-store";
        return Results.Content(SignInPage.RenderSignedOut(layout), "text/html; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
    }
}
