using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Http;

namespace Serverless.Functions.Http;

/// <summary>Published article images; the handler and route are the ones the local server maps.</summary>
public sealed class MediaFunctions(MediaHandlers handlers)
{
    [Function(nameof(GetMedia))]
    public Task<IResult> GetMedia(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Media)] HttpRequest request,
        string path,
        CancellationToken cancellationToken) =>
        handlers.GetMediaAsync(request, path, cancellationToken);
}
