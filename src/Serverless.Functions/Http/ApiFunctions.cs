using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Http;

namespace Serverless.Functions.Http;

/// <summary>The public JSON API; the handlers and routes are the ones the local server maps.</summary>
public sealed class ApiFunctions(ApiHandlers handlers)
{
    [Function(nameof(ListArticles))]
    public Task<IResult> ListArticles(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ArticleList)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.ListArticlesAsync(request, cancellationToken);

    [Function(nameof(GetArticle))]
    public Task<IResult> GetArticle(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ArticleMetadata)] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        handlers.GetArticleAsync(request, slug, cancellationToken);

    [Function(nameof(GetShareSnippet))]
    public Task<IResult> GetShareSnippet(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.ShareSnippet)] HttpRequest request,
        string slug,
        CancellationToken cancellationToken) =>
        handlers.GetShareSnippetAsync(request, slug, cancellationToken);

    [Function(nameof(GetOembed))]
    public Task<IResult> GetOembed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Oembed)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.GetOembedAsync(request, cancellationToken);
}
