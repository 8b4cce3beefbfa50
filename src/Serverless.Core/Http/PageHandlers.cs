using Microsoft.AspNetCore.Http;
using Serverless.Core.Articles;
using Serverless.Core.Configuration;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Http;

/// <summary>The HTML pages readers get. Article pages are the bytes stored at publish time, held briefly in memory; nothing is rendered per view.</summary>
public sealed class PageHandlers(ArticleRepository repository, ServedPages servedPages, IndexPageRenderer indexRenderer, SiteOptions site)
{
    public const int IndexPageSize = 20;
    internal const string HtmlContentType = "text/html; charset=utf-8";

    public async Task<IResult> GetIndexAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var after = ListCursor.TryDecode(request.Query["after"], out var cursor) ? cursor : null;
        var (articles, next) = await repository.ListAsync(IndexPageSize, after, cancellationToken);
        AddPageHeaders(request.HttpContext.Response);
        HttpCaching.SetCacheable(request.HttpContext.Response, site.CacheSeconds);
        var older = next is null ? null : "after=" + ListCursor.Encode(next);
        return Results.Content(indexRenderer.Render(articles, older), HtmlContentType);
    }

    public async Task<IResult> GetArticleAsync(HttpRequest request, string slug, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        AddPageHeaders(response);
        if (!Slugs.IsValid(slug))
        {
            return Error(response, StatusCodes.Status404NotFound);
        }
        var (article, html) = await servedPages.GetAsync(slug, cancellationToken);
        switch (article)
        {
            case null or { ArticleStatus: ArticleStatus.Draft }:
                return Error(response, StatusCodes.Status404NotFound);
            case { ArticleStatus: ArticleStatus.Deleted }:
                return Error(response, StatusCodes.Status410Gone);
            case { ArticleStatus: ArticleStatus.Moved, MovedTo: { } movedTo }:
                return Results.Redirect("/articles/" + movedTo, permanent: true);
        }
        if (html is null)
        {
            return Error(response, StatusCodes.Status404NotFound);
        }
        var etag = $"\"{article.PageHash}\"";
        HttpCaching.SetCacheable(response, site.CacheSeconds, etag);
        response.Headers.LastModified = article.Modified.ToString("R");
        return HttpCaching.IsNotModified(request, etag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(html, HtmlContentType);
    }

    /// <summary>The publisher logo structured data names (unless <c>Site:LogoUrl</c> points elsewhere).</summary>
    public static IResult GetLogo(HttpRequest request)
    {
        var response = request.HttpContext.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        HttpCaching.SetCacheable(response, 86_400, SiteLogo.ETag);
        return HttpCaching.IsNotModified(request, SiteLogo.ETag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(SiteLogo.Png, "image/png");
    }

    /// <summary>The 404 page for a path no route matches.</summary>
    public IResult GetNotFound(HttpRequest request)
    {
        AddPageHeaders(request.HttpContext.Response);
        return Error(request.HttpContext.Response, StatusCodes.Status404NotFound);
    }

    private IResult Error(HttpResponse response, int statusCode)
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

/// <summary>Listing cursors: the last RowKey seen, base64url-encoded so clients treat it as opaque.</summary>
public static class ListCursor
{
    public static string Encode(string rowKey) => System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(rowKey));

    public static bool TryDecode(string? token, out string? rowKey)
    {
        rowKey = null;
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return false;
        }
        // TryDecodeFromChars throws on characters outside the alphabet: check first, a bad token is an answer, not an error.
        if (!System.Buffers.Text.Base64Url.IsValid(token, out var length))
        {
            return false;
        }
        var bytes = new byte[length];
        var written = System.Buffers.Text.Base64Url.DecodeFromChars(token, bytes);
        var decoded = System.Text.Encoding.UTF8.GetString(bytes, 0, written);
        // Only keys this backend writes are accepted: 19 digits, a hyphen, a slug.
        if (decoded.Length < 21 || !decoded[..19].All(char.IsAsciiDigit) || decoded[19] != '-' || !Slugs.IsValid(decoded[20..]))
        {
            return false;
        }
        rowKey = decoded;
        return true;
    }
}
