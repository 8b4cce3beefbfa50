using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Http;

namespace Serverless.Functions.Http;

/// <summary>
/// The author pages for authors signed in with Microsoft Entra ID (App Service Authentication, turned on by the
/// Bicep's <c>authorSignInClientId</c>): anonymous to the host, since a browser cannot send a function key, and each
/// lets through only a principal holding the authors' app role (<see cref="AppServiceSignIn"/>). Without App Service
/// Authentication they answer 401 as the key-protected ones do.
/// </summary>
public sealed class SignedInAuthorPageFunctions(AuthorPageHandlers handlers, AppServiceSignIn signIn)
{
    [Function(nameof(SignedInDashboard))]
    public async Task<IResult> SignedInDashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.FunctionsSignedInAuthorPages + Routes.AuthorDashboard)] HttpRequest request,
        CancellationToken cancellationToken) =>
        signIn.Refusal(request) ?? await handlers.DashboardAsync(request, cancellationToken);

    [Function(nameof(SignedInSharePreview))]
    public async Task<IResult> SignedInSharePreview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.FunctionsSignedInAuthorPages + Routes.AuthorSharePreview)] HttpRequest request,
        CancellationToken cancellationToken) =>
        signIn.Refusal(request) ?? await handlers.SharePreviewAsync(request, cancellationToken);

    [Function(nameof(SignedInPagePreview))]
    public async Task<IResult> SignedInPagePreview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.FunctionsSignedInAuthorPages + Routes.AuthorPagePreview)] HttpRequest request,
        CancellationToken cancellationToken) =>
        signIn.Refusal(request) ?? await handlers.PagePreviewAsync(request, cancellationToken);
}
