using Microsoft.AspNetCore.Http;
using Serverless.Core.Rendering;
using Serverless.Core.Search;

namespace Serverless.Core.Http;

/// <summary>
/// <c>GET /search</c> (an HTML page in the site's layout, no script) and <c>GET /api/search</c> (JSON with a
/// continuation token). Answers are not kept by caches (<c>no-cache</c>): an article leaves the results within
/// seconds of being unpublished, and a cache must not keep it there. A query refused by <see cref="SearchLimits"/> is
/// a 400: problem details on the API, the search page saying what to change in HTML.
/// </summary>
public sealed class SearchHandlers(SearchService search, SearchPageRenderer renderer, SiteUrls urls)
{
    public async Task<IResult> GetPageAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        PageHandlers.AddPageHeaders(response);
        // The page's form submits to /search: its CSP allows that one form action.
        response.Headers.ContentSecurityPolicy = SearchPageRenderer.ContentSecurityPolicy;
        HttpCaching.SetNotCacheable(response);
        var text = request.Query["q"].ToString();
        try
        {
            var searchRequest = SearchRequestReader.Read(request.Query, SearchRequestReader.Start(request.Query), SearchRequestReader.Top(request.Query));
            if (searchRequest.Text.Length == 0)
            {
                return Results.Content(renderer.Render(searchRequest, results: null, error: null), PageHandlers.HtmlContentType);
            }
            var results = await search.SearchAsync(searchRequest, cancellationToken);
            return Results.Content(renderer.Render(searchRequest, results, error: null), PageHandlers.HtmlContentType);
        }
        catch (InvalidSearchException exception)
        {
            var echoed = new SearchRequest(text.Length > SearchLimits.MaxQueryLength ? text[..SearchLimits.MaxQueryLength] : text);
            return Results.Content(renderer.Render(echoed, results: null, exception), PageHandlers.HtmlContentType, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    public async Task<IResult> GetApiAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        HttpCaching.SetNotCacheable(request.HttpContext.Response);
        try
        {
            var searchRequest = SearchRequestReader.Read(request.Query, SearchRequestReader.Offset(request.Query["continuationToken"]), SearchRequestReader.Top(request.Query));
            var results = await search.SearchAsync(searchRequest, cancellationToken);
            return ApiHandlers.Json(new SearchAnswer(
                [.. results.Hits.Select(hit => new SearchAnswerItem(hit.Slug, urls.Article(hit.Slug), hit.Title, hit.Published, hit.Score, hit.SnippetHtml))],
                results.TotalHits,
                results.NextOffset is { } next ? SearchRequestReader.Token(next) : null));
        }
        catch (InvalidSearchException exception)
        {
            return ApiHandlers.Problem(StatusCodes.Status400BadRequest, exception.Title, exception.Message);
        }
    }
}
