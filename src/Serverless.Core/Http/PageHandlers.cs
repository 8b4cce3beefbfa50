using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Serverless.Core.Articles;
using Serverless.Core.Configuration;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Http;

/// <summary>
/// The HTML pages readers get. Article pages are the bytes stored at publish time and the home page is rendered from the
/// listing; both are held briefly in memory (<see cref="ServedResponses"/>), so a warm view reads no storage.
/// </summary>
public sealed class PageHandlers(ArticleRepository repository, ArticlesByDate listing, PageStore pages, ServedResponses served, IndexPageRenderer indexRenderer, SiteOptions site,
    ActivityPubHandlers activityPub)
{
    public const int IndexPageSize = 20;
    internal const string HtmlContentType = "text/html; charset=utf-8";

    private readonly string _cacheControl = HttpCaching.Public(site.CacheSeconds);
    private static readonly IResult Logo = Results.Bytes(SiteLogo.Png.ToArray(), "image/png", entityTag: new EntityTagHeaderValue(SiteLogo.ETag));
    private static readonly string LogoCacheControl = HttpCaching.Public(86_400);

    public async Task<IResult> GetIndexAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var after = ListCursor.TryDecode(request.Query["after"], out var cursor) ? cursor : null;
        var index = await served.GetAsync("home:" + after, (Handlers: this, After: after), static (state, token) => state.Handlers.LoadIndexAsync(state.After, token), cancellationToken);
        var response = request.HttpContext.Response;
        AddPageHeaders(response);
        response.Headers.CacheControl = _cacheControl;
        return index.Result!;
    }

    private async Task<ServedResponse> LoadIndexAsync(string? after, CancellationToken cancellationToken)
    {
        var page = await listing.ListPageAsync(IndexPageSize, after, cancellationToken);
        return ServedResponse.Hashed(System.Text.Encoding.UTF8.GetBytes(indexRenderer.Render(page.Items, PageLinks.For("/", page, after))), HtmlContentType);
    }

    public async Task<IResult> GetArticleAsync(HttpRequest request, string slug, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        AddPageHeaders(response);
        if (!Slugs.IsValid(slug))
        {
            return Error(response, StatusCodes.Status404NotFound);
        }
        if (activityPub.Enabled && await activityPub.NegotiateArticleAsync(request, slug, cancellationToken) is { } activity)
        {
            return activity;
        }
        var page = await served.GetAsync("page:" + slug, (Handlers: this, Slug: slug), static (state, token) => state.Handlers.LoadArticleAsync(state.Slug, token), cancellationToken);
        switch (page.Status)
        {
            case ServedStatus.Gone:
                return Error(response, StatusCodes.Status410Gone);
            case ServedStatus.Moved:
                return Results.Redirect("/articles/" + page.Detail, permanent: true);
            case ServedStatus.NotFound:
                return Error(response, StatusCodes.Status404NotFound);
        }
        response.Headers.CacheControl = _cacheControl;
        return page.Result!;
    }

    private async Task<ServedResponse> LoadArticleAsync(string slug, CancellationToken cancellationToken)
    {
        // A new render can delete the page blob between the two reads: read the article again once.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var article = await repository.GetStoredArticleAsync(slug, cancellationToken);
            switch (article)
            {
                case null or { ArticleStatus: ArticleStatus.Draft }:
                    return ServedResponse.Without(ServedStatus.NotFound);
                case { ArticleStatus: ArticleStatus.Deleted }:
                    return ServedResponse.Without(ServedStatus.Gone);
                case { ArticleStatus: ArticleStatus.Moved, Record.MovedTo: { } movedTo }:
                    return ServedResponse.Without(ServedStatus.Moved, movedTo);
                case { IsServed: false }:
                    return ServedResponse.Without(ServedStatus.NotFound);
            }
            if (await pages.ReadAsync(article.Outputs.PageBlob!, cancellationToken) is { } html)
            {
                return new ServedResponse(ServedStatus.Ok, html, HtmlContentType, $"\"{article.Outputs.PageHash}\"", article.Modified);
            }
        }
        return ServedResponse.Without(ServedStatus.NotFound);
    }

    /// <summary>The publisher logo structured data names (unless <c>Site:LogoUrl</c> points elsewhere).</summary>
    public static IResult GetLogo(HttpRequest request)
    {
        var response = request.HttpContext.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = LogoCacheControl;
        return Logo;
    }

    /// <summary>The 404 page for a path no route matches.</summary>
    public IResult GetNotFound(HttpRequest request)
    {
        AddPageHeaders(request.HttpContext.Response);
        return Error(request.HttpContext.Response, StatusCodes.Status404NotFound);
    }

    internal IResult Error(HttpResponse response, int statusCode)
    {
        HttpCaching.SetNotCacheable(response);
        return Results.Content(indexRenderer.RenderError(statusCode), HtmlContentType, statusCode: statusCode);
    }

    /// <summary>Headers of every HTML page: the strict CSP, no MIME sniffing, the referrer policy.</summary>
    internal static void AddPageHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = SiteLayout.ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
    }
}
