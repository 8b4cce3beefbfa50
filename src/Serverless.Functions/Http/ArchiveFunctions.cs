using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Http;

namespace Serverless.Functions.Http;

/// <summary>Month archives; the handlers and routes are the ones the local server maps.</summary>
public sealed class ArchiveFunctions(ArchiveHandlers handlers)
{
    [Function(nameof(GetArchives))]
    public Task<IResult> GetArchives(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Archives)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.GetArchivesAsync(request, cancellationToken);

    [Function(nameof(GetArchiveMonth))]
    public Task<IResult> GetArchiveMonth(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.ArchiveMonth)] HttpRequest request,
        string year,
        string month,
        CancellationToken cancellationToken) =>
        handlers.GetMonthAsync(request, year, month, cancellationToken);
}
