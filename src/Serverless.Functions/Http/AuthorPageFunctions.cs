using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Http;

namespace Serverless.Functions.Http;

/// <summary>
/// The author pages, behind a function key like the admin API (authors signed in with Entra ID use
/// <see cref="SignedInAuthorPageFunctions"/>). The host keeps /admin/… for itself, so they live at /api/admin/pages/…
/// here (<see cref="Routes.FunctionsAuthorPages"/>).
/// </summary>
public sealed class AuthorPageFunctions(AuthorPageHandlers handlers)
{
    [Function(nameof(Dashboard))]
    public Task<IResult> Dashboard(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.FunctionsAuthorPages + Routes.AuthorDashboard)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.DashboardAsync(request, cancellationToken);

    [Function(nameof(SharePreviewPage))]
    public Task<IResult> SharePreviewPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.FunctionsAuthorPages + Routes.AuthorSharePreview)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.SharePreviewAsync(request, cancellationToken);

    [Function(nameof(PagePreviewPage))]
    public Task<IResult> PagePreviewPage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.FunctionsAuthorPages + Routes.AuthorPagePreview)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.PagePreviewAsync(request, cancellationToken);
}
