using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Http;

namespace Serverless.Functions.Http;

/// <summary>Share cards, as stored at publish time; the handler and route are the ones the local server maps.</summary>
public sealed class ShareCardFunctions(ShareCardHandlers handlers)
{
    [Function(nameof(GetShareCard))]
    public Task<IResult> GetShareCard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.ShareCard)] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        handlers.GetAsync(request, slug, cancellationToken);
}
