using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Serverless.Core.Articles;
using Serverless.Core.Configuration;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Http;

/// <summary>
/// The HTML pages readers get. Article pages are the bytes stored at publish time and the home page is rendered from the
/// listing; both are held briefly in memory (<see cref="ServedResponses"/>), so a warm view reads no storage.
/// </summary>
public sealed class PageHandlers(ArticleRepository repository, ArticlesByDate listing, PageStore pages, ServedResponses served, IndexPageRenderer indexRenderer, SiteOptions site, SiteLayout layout,
    SiteThemeSheet theme, ActivityPubHandlers activityPub)
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
        await theme.RefreshAsync(freshAfter: null, cancellationToken);
        var page = await listing.ListPageAsync(IndexPageSize, after, cancellationToken);
        return ServedResponse.Hashed(System.Text.Encoding.UTF8.GetBytes(indexRenderer.Render(page.Items, PageLinks.For("/", page, after))), HtmlContentType);
    }

    public async Task<IResult> GetArticleAsync(HttpRequest request, string slug, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        AddPageHeaders(response);
        if (!Slugs.IsValid(slug))
        {
            return await ErrorAsync(response, StatusCodes.Status404NotFound, cancellationToken);
        }
        if (activityPub.Enabled && await activityPub.NegotiateArticleAsync(request, slug, cancellationToken) is { } activity)
        {
            return activity;
        }
        var page = await served.GetAsync("page:" + slug, (Handlers: this, Slug: slug), static (state, token) => state.Handlers.LoadArticleAsync(state.Slug, token), cancellationToken);
        switch (page.Status)
        {
            case ServedStatus.Gone:
                return await ErrorAsync(response, StatusCodes.Status410Gone, cancellationToken);
            case ServedStatus.Moved:
                return Results.Redirect("/articles/" + page.Detail, permanent: true);
            case ServedStatus.NotFound:
                return await ErrorAsync(response, StatusCodes.Status404NotFound, cancellationToken);
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

    /// <summary>The publisher logo structured data names, also served as <c>/favicon.ico</c> (a PNG, which browsers take there) (unless <c>Site:LogoUrl</c> points elsewhere).</summary>
    public static IResult GetLogo(HttpRequest request)
    {
        var response = request.HttpContext.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = LogoCacheControl;
        return Logo;
    }

    /// <summary>The operator's theme sheet; the page names its version, so it may be kept as long as the logo.</summary>
    /// <summary>
    /// The theme sheet (<see cref="SiteTheme"/>): cached for a year under the version pages name, briefly under any
    /// other (a page rendered before a change asks for the old one and gets the current one).
    /// </summary>
    public async Task<IResult> GetThemeAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
        await theme.RefreshAsync(freshAfter: null, cancellationToken);
        var current = layout.Theme;
        if (current.Version is null)
        {
            HttpCaching.SetNotCacheable(response);
            return Results.NotFound();
        }
        response.Headers.CacheControl = request.Query["v"] == current.Version ? ShareCardStore.ImmutableCacheControl : _cacheControl;
        return Results.Bytes(current.Css, "text/css; charset=utf-8", entityTag: new EntityTagHeaderValue($"\"{current.Version}\""));
    }

    /// <summary>The 404 page for a path no route matches.</summary>
    public Task<IResult> GetNotFoundAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        AddPageHeaders(request.HttpContext.Response);
        return ErrorAsync(request.HttpContext.Response, StatusCodes.Status404NotFound, cancellationToken);
    }

    /// <summary>Articles a 404 or 410 page offers instead.</summary>
    public const int ErrorPageArticles = 5;

    /// <summary>
    /// The 404 or 410 page, with the newest articles: rendered from one listing query, held in memory as pages are, so
    /// a burst of missing addresses costs no more than the home page does.
    /// </summary>
    internal async Task<IResult> ErrorAsync(HttpResponse response, int statusCode, CancellationToken cancellationToken)
    {
        var page = await served.GetAsync("error:" + statusCode, (Listing: listing, Renderer: indexRenderer, Status: statusCode, Theme: theme), static async (state, token) =>
        {
            await state.Theme.RefreshAsync(freshAfter: null, token);
            var newest = await state.Listing.ListPageAsync(ErrorPageArticles, after: null, token);
            return ServedResponse.Hashed(System.Text.Encoding.UTF8.GetBytes(state.Renderer.RenderError(state.Status, newest.Items)), HtmlContentType);
        }, cancellationToken);
        HttpCaching.SetNotCacheable(response);
        return new StatusBytes(page.Body, statusCode);
    }

    /// <summary>A body written with a status other than 200.</summary>
    private sealed class StatusBytes(byte[] body, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = statusCode;
            httpContext.Response.ContentType = HtmlContentType;
            httpContext.Response.ContentLength = body.Length;
            return HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : httpContext.Response.Body.WriteAsync(body).AsTask();
        }
    }

    /// <summary>Headers of every HTML page: the strict CSP, no MIME sniffing, the referrer policy.</summary>
    internal static void AddPageHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = SiteLayout.ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
    }
}
