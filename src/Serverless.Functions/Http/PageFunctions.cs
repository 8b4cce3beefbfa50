using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Http;

namespace Serverless.Functions.Http;

/// <summary>Reader pages; the handlers and routes are the ones the local server maps.</summary>
public sealed class PageFunctions(PageHandlers handlers)
{
    [Function(nameof(GetIndexPage))]
    public Task<IResult> GetIndexPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.FunctionsIndex)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.GetIndexAsync(request, cancellationToken);

    [Function(nameof(GetArticlePage))]
    public Task<IResult> GetArticlePage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.ArticlePage)] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        handlers.GetArticleAsync(request, slug, cancellationToken);

    [Function(nameof(GetLogo))]
    public IResult GetLogo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Logo)] HttpRequest request) =>
        PageHandlers.GetLogo(request);

    [Function(nameof(GetFavicon))]
    public IResult GetFavicon(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Favicon)] HttpRequest request) =>
        PageHandlers.GetLogo(request);

    [Function(nameof(GetTheme))]
    public Task<IResult> GetTheme(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Theme)] HttpRequest request, CancellationToken cancellationToken) =>
        handlers.GetThemeAsync(request, cancellationToken);
}
