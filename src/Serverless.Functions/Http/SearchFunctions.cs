using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Http;

namespace Serverless.Functions.Http;

/// <summary>Reader search: the page and the JSON API; the handlers and routes are the ones the local server maps.</summary>
public sealed class SearchFunctions(SearchHandlers handlers)
{
    [Function(nameof(SearchPage))]
    public Task<IResult> SearchPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.SearchPage)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.GetPageAsync(request, cancellationToken);

    [Function(nameof(SearchApi))]
    public Task<IResult> SearchApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.SearchApi)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.GetApiAsync(request, cancellationToken);
}
