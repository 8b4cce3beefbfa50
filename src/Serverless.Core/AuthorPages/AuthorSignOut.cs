using Serverless.Core.Http;

namespace Serverless.Core.AuthorPages;

/// <summary>
/// How a signed-in author signs out, for the pages' header: the local server's session posts its form with the
/// session's CSRF token; App Service Authentication's is a link to its own sign-out.
/// </summary>
public sealed record AuthorSignOut(string Action, string? CsrfToken)
{
    public static AuthorSignOut LocalSession(string csrfToken) => new("/" + Routes.AuthorPages + "/sign-out", csrfToken);

    public static AuthorSignOut AppService { get; } = new(AppServiceSignIn.SignOutPath, null);
}
