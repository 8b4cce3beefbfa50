using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Core.AuthorPages;
using Serverless.Core.Configuration;

namespace Serverless.Core.Http;

/// <summary>
/// Lets an author signed in with Microsoft Entra ID through to the author pages on Azure, where the host's function
/// key cannot be typed into a browser: App Service Authentication signs them in (its own <c>/.auth/login/aad</c> and
/// session cookie) and passes the principal on; this checks it holds <see cref="AuthorSignInOptions.RequiredRole"/>.
/// Without App Service Authentication the pages answer 401 with no body, as the host does without a key.
/// </summary>
public sealed class AppServiceSignIn(IOptions<AuthorSignInOptions> options)
{
    /// <summary>App Service Authentication's sign-in with the Entra ID provider; its sign-out is <see cref="SignOutPath"/>.</summary>
    public const string SignInPath = "/.auth/login/aad";

    public const string SignOutPath = "/.auth/logout";

    /// <summary>Why the request may not see an author page, as the answer to give; null when it may.</summary>
    public IResult? Refusal(HttpRequest request)
    {
        var settings = options.Value;
        HttpCaching.SetPrivate(request.HttpContext.Response);
        if (!settings.AppServiceAuthentication)
        {
            return Results.Unauthorized();
        }
        if (AppServicePrincipal.Of(request) is not { } principal)
        {
            // A browser is sent to sign in and back; a script learns only that it needs to.
            return request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal)
                ? Results.Redirect(SignInPath + "?post_login_redirect_uri=" + Uri.EscapeDataString(request.PathBase + request.Path + request.QueryString))
                : Results.Unauthorized();
        }
        if (!principal.Roles.Contains(settings.RequiredRole, StringComparer.Ordinal))
        {
            return ApiHandlers.Problem(StatusCodes.Status403Forbidden, "Not an author",
                $"{principal.Name} is signed in but does not hold the '{settings.RequiredRole}' app role: an administrator of the Entra ID tenant assigns it (Enterprise applications, this app, Users and groups). Sign out at {SignOutPath}.");
        }
        request.HttpContext.Items[AuthorPageHandlers.SignOutItem] = AuthorSignOut.AppService;
        return null;
    }
}
