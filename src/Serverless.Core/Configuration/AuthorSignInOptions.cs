namespace Serverless.Core.Configuration;

/// <summary>
/// How authors sign in to the author pages from a browser on Azure (<c>AuthorSignIn</c> section): with App Service
/// Authentication and Microsoft Entra ID when the Bicep's <c>authorSignInClientId</c> turns it on. The function key
/// stays for scripts either way; the local server has its own sign-in form.
/// </summary>
public sealed class AuthorSignInOptions
{
    public const string SectionName = "AuthorSignIn";

    /// <summary>
    /// Trust the principal App Service Authentication passes in <c>X-MS-CLIENT-PRINCIPAL</c>
    /// (<c>AuthorSignIn:AppServiceAuthentication</c>). Only where the platform sets that header and strips it from what
    /// clients send, that is with App Service Authentication on: anywhere else a client could forge it.
    /// </summary>
    public bool AppServiceAuthentication { get; set; }

    /// <summary>
    /// The app role (of the Entra ID app registration) an author must hold (<c>AuthorSignIn:RequiredRole</c>): signing
    /// in proves who someone is, the role that the tenant's administrator let them in.
    /// </summary>
    public string RequiredRole { get; set; } = "Serverless.Author";
}
