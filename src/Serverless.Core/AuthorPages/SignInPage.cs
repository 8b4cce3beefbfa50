using System.Text;
using Serverless.Core.Http;
using Serverless.Core.Rendering;

namespace Serverless.Core.AuthorPages;

/// <summary>
/// The local server's sign-in form: the admin key typed once into a password field and posted, never put in a URL. On
/// Azure, App Service Authentication (Microsoft Entra ID) signs authors in instead.
/// </summary>
public static class SignInPage
{
    /// <summary>Where authors sign in: the one author page open to all.</summary>
    public const string Path = "/" + Routes.AuthorPages + "/sign-in";

    /// <param name="error">Why the last attempt failed; null for a first visit.</param>
    /// <param name="returnTo">The author page to go back to once signed in.</param>
    public static string Render(AuthorLayout layout, string? error, string returnTo)
    {
        var html = new StringBuilder(4096);
        layout.WriteStart(html, "Sign in", "/" + Routes.AuthorPages + "/");
        html.Append("<h1>Sign in</h1>\n");
        if (error is not null)
        {
            html.Append("<p class=\"warn\" role=\"alert\">").AppendHtml(error).Append("</p>\n");
        }
        html.Append("<form method=\"post\" action=\"").Append(Path).Append("\">\n<label for=\"key\">Admin key</label>\n")
            .Append("<input type=\"password\" id=\"key\" name=\"key\" autocomplete=\"current-password\" required>\n")
            .Append("<input type=\"hidden\" name=\"return\" value=\"").AppendHtml(returnTo).Append("\">\n")
            .Append("<button type=\"submit\">Sign in</button>\n</form>\n")
            .Append("<p>The key is the one the server printed when it started (or <code>Admin__Key</code>). Signing in keeps it out of addresses, history and logs; the session ends after 8 hours or when you sign out.</p>\n");
        AuthorLayout.WriteEnd(html);
        return html.ToString();
    }

    /// <summary>What a browser without a session gets at any admin path: the same page whatever the path, pointing to the form.</summary>
    public static string RenderSignedOut(AuthorLayout layout)
    {
        var html = new StringBuilder(2048);
        layout.WriteStart(html, "Sign in required", "/" + Routes.AuthorPages + "/");
        html.Append("<h1>Sign in required</h1>\n<p>This page is for the site's authors. <a href=\"").Append(Path).Append("\">Sign in with the admin key</a>, then open it again.</p>\n");
        AuthorLayout.WriteEnd(html);
        return html.ToString();
    }

    /// <summary>Only an author page or the admin API, on this site: a sign-in form cannot send anyone elsewhere.</summary>
    public static string SafeReturn(string? returnTo) =>
        returnTo is { Length: > 0 } path && !path.Contains("//", StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal)
        && (path.StartsWith("/" + Routes.AuthorPages + "/", StringComparison.Ordinal) || path.StartsWith("/" + Routes.AdminPrefix + "/", StringComparison.Ordinal))
            ? path
            : "/" + Routes.AuthorPages + "/";
}
