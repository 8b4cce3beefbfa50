using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Http;

namespace Serverless.Functions.Http;

/// <summary>
/// The admin API, behind a function key (header <c>x-functions-key</c> or query <c>code</c>): the host answers 401
/// before any of these runs. The handlers and routes are the ones the local server maps behind its admin key.
/// </summary>
public sealed class AdminFunctions(AdminHandlers handlers)
{
    [Function(nameof(GetAdminStatus))]
    public Task<IResult> GetAdminStatus(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.AdminStatus)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.GetStatusAsync(request, cancellationToken);

    [Function(nameof(ListSources))]
    public Task<IResult> ListSources(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.AdminSources)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.ListSourcesAsync(request, cancellationToken);

    [Function(nameof(ListFailures))]
    public Task<IResult> ListFailures(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.AdminFailures)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.ListFailuresAsync(request, cancellationToken);

    [Function(nameof(Republish))]
    public Task<IResult> Republish(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = Routes.AdminRepublish)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.RepublishAsync(request, cancellationToken);

    [Function(nameof(GetAdminJob))]
    public Task<IResult> GetAdminJob(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.AdminJob)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        handlers.GetJobAsync(request, id, cancellationToken);

    [Function(nameof(PreviewArticle))]
    public Task<IResult> PreviewArticle(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.AdminPreview)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.PreviewAsync(request, cancellationToken);

    [Function(nameof(SharePreview))]
    public Task<IResult> SharePreview(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = Routes.AdminSharePreview)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.SharePreviewAsync(request, cancellationToken);

    /// <summary>
    /// A path under /api/admin that no other function has: without a key the host answers 401 as it does for the real
    /// routes (rather than 404, which would tell which routes exist); with one, 404.
    /// </summary>
    [Function(nameof(UnknownAdminRoute))]
    public static IResult UnknownAdminRoute(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", "post", "put", "patch", "delete", "options", Route = Routes.AdminUnknown)] HttpRequest request) =>
        AdminHandlers.UnknownRoute(request);

    /// <summary>Event Grid's webhook (POST), and the OPTIONS handshake CloudEvents subscriptions start with.</summary>
    [Function(nameof(ReceiveBlobEvents))]
    public Task<IResult> ReceiveBlobEvents(
        [HttpTrigger(AuthorizationLevel.Function, "post", "options", Route = Routes.AdminBlobEvents)] HttpRequest request,
        CancellationToken cancellationToken) =>
        HttpMethods.IsOptions(request.Method)
            ? Task.FromResult(AdminHandlers.AllowCloudEventsOrigin(request))
            : handlers.ReceiveBlobEventsAsync(request, cancellationToken);
}
