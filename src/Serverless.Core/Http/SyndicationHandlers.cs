using System.Text;
using Microsoft.AspNetCore.Http;
using Serverless.Core.Configuration;
using Serverless.Core.Parsing;
using Serverless.Core.Publishing.Outputs;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Http;

/// <summary>
/// Feeds, sitemaps, tag pages and robots.txt. Everything but robots.txt is a file the stage-2 outputs stored, served as
/// is with a validator (<c>ETag</c>, <c>If-None-Match</c> → 304) and held briefly in memory: nothing is built per request.
/// </summary>
public sealed class SyndicationHandlers(ServedSiteFiles files, IndexPageRenderer indexRenderer, SiteUrls urls, SiteOptions site)
{
    public const string RobotsContentType = "text/plain; charset=utf-8";
    private const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary>The same for every request of a deployment: it names the sitemap, and keeps crawlers off the JSON API.</summary>
    private readonly byte[] _robots = Encoding.UTF8.GetBytes($"User-agent: *\nDisallow: /api/\n\nSitemap: {urls.Sitemap}\n");

    public Task<IResult> GetRssFeedAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ServeAsync(request, FeedOutput.RssFile, FeedWriter.RssContentType, cancellationToken);

    public Task<IResult> GetAtomFeedAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ServeAsync(request, FeedOutput.AtomFile, FeedWriter.AtomContentType, cancellationToken);

    public Task<IResult> GetSitemapAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ServeAsync(request, SitemapOutput.IndexFile, SitemapWriter.ContentType, cancellationToken);

    public Task<IResult> GetSitemapShardAsync(HttpRequest request, string month, CancellationToken cancellationToken) =>
        SitemapOutput.IsShardName(month)
            ? ServeAsync(request, SitemapOutput.ShardFile(month), SitemapWriter.ContentType, cancellationToken)
            : Task.FromResult(NotFound(request.HttpContext.Response));

    public Task<IResult> GetTagFeedAsync(HttpRequest request, string tag, CancellationToken cancellationToken) =>
        Slugs.IsValid(tag)
            ? ServeAsync(request, TagOutput.FeedFile(tag), FeedWriter.RssContentType, cancellationToken)
            : Task.FromResult(Canonical(request.HttpContext.Response, tag, urls.TagFeed) ?? NotFound(request.HttpContext.Response));

    public async Task<IResult> GetTagPageAsync(HttpRequest request, string tag, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        PageHandlers.AddPageHeaders(response);
        if (!Slugs.IsValid(tag))
        {
            return Canonical(response, tag, urls.Tag) ?? ErrorPage(response);
        }
        var file = await files.GetAsync(TagOutput.PageFile(tag), cancellationToken);
        return file is null ? ErrorPage(response) : Serve(request, file, HtmlContentType);
    }

    public IResult GetRobots(HttpRequest request)
    {
        var response = request.HttpContext.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        return Serve(request, new SiteFile(_robots, SiteFiles.ETagOf(_robots)), RobotsContentType);
    }

    private async Task<IResult> ServeAsync(HttpRequest request, string name, string contentType, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        var file = await files.GetAsync(name, cancellationToken);
        return file is null ? NotFound(response) : Serve(request, file, contentType);
    }

    private IResult Serve(HttpRequest request, SiteFile file, string contentType)
    {
        HttpCaching.SetCacheable(request.HttpContext.Response, site.CacheSeconds, file.ETag);
        return HttpCaching.IsNotModified(request, file.ETag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(file.Bytes, contentType);
    }

    /// <summary>A tag written otherwise than its slug (<c>/tags/Azure</c>) is sent to the slug's address for good.</summary>
    private static IResult? Canonical(HttpResponse response, string tag, Func<string, string> url)
    {
        var slug = Slugs.From(tag);
        if (!Slugs.IsValid(slug))
        {
            return null;
        }
        response.Headers.XContentTypeOptions = "nosniff";
        HttpCaching.SetCacheable(response, 3600);
        return Results.Redirect(new Uri(url(slug)).PathAndQuery, permanent: true);
    }

    private static IResult NotFound(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        HttpCaching.SetNotCacheable(response);
        return Results.NotFound();
    }

    private IResult ErrorPage(HttpResponse response)
    {
        HttpCaching.SetNotCacheable(response);
        return Results.Content(indexRenderer.RenderError(StatusCodes.Status404NotFound), HtmlContentType, statusCode: StatusCodes.Status404NotFound);
    }
}
