using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Core.Configuration;
using Serverless.Core.Discovery;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Http;

/// <summary>
/// Feeds, sitemaps, tag pages and robots.txt. Everything but robots.txt is a file the stage-2 outputs stored, served as
/// is with a validator (<c>ETag</c>, <c>If-None-Match</c> → 304) and held briefly in memory (<see cref="ServedResponses"/>):
/// nothing is built per request, a warm read costs no storage request and a cold one is one read. A missing file is
/// remembered as briefly.
/// </summary>
public sealed class SyndicationHandlers(SiteFiles files, TagFiles tagFiles, AuthorFiles authorFiles, ServedResponses served, PageHandlers pages, SiteUrls urls, SiteOptions site,
    IOptions<DiscoveryOptions> discovery)
{
    private readonly string _cacheControl = HttpCaching.Public(site.CacheSeconds);

    public const string RobotsContentType = "text/plain; charset=utf-8";
    private const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary>The same for every request of a deployment: it names the sitemaps, and keeps crawlers off the JSON API.</summary>
    private readonly ServedResponse _robots = ServedResponse.Hashed(
        Encoding.UTF8.GetBytes($"User-agent: *\nDisallow: /api/\n\nSitemap: {urls.Sitemap}\nSitemap: {urls.NewsSitemap}\n"), RobotsContentType);

    /// <summary>The IndexNow key's file, whose content is the key: null while IndexNow is off.</summary>
    private readonly ServedResponse? _indexNowKey = discovery.Value.IndexNowKey is { Length: > 0 } key
        ? ServedResponse.Hashed(Encoding.UTF8.GetBytes(key), RobotsContentType)
        : null;

    public Task<IResult> GetRssFeedAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ServeAsync(request, FeedFiles.RssFile, FeedWriter.RssContentType, cancellationToken);

    public Task<IResult> GetAtomFeedAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ServeAsync(request, FeedFiles.AtomFile, FeedWriter.AtomContentType, cancellationToken);

    public Task<IResult> GetSitemapAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ServeAsync(request, SitemapFiles.IndexFile, SitemapWriter.ContentType, cancellationToken);

    public Task<IResult> GetNewsSitemapAsync(HttpRequest request, CancellationToken cancellationToken) =>
        ServeAsync(request, NewsSitemapFiles.File, SitemapWriter.ContentType, cancellationToken);

    /// <summary><c>/{key}.txt</c>: the key, for the configured IndexNow key only; any other name is not found.</summary>
    public IResult GetIndexNowKey(HttpRequest request, string key)
    {
        var response = request.HttpContext.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        return _indexNowKey is not null && key == discovery.Value.IndexNowKey ? Serve(response, _indexNowKey) : NotFound(response);
    }

    public Task<IResult> GetSitemapShardAsync(HttpRequest request, string month, CancellationToken cancellationToken) =>
        SitemapFiles.IsShardName(month)
            ? ServeAsync(request, SitemapFiles.ShardFile(month), SitemapWriter.ContentType, cancellationToken)
            : Task.FromResult(NotFound(request.HttpContext.Response));

    public Task<IResult> GetTagFeedAsync(HttpRequest request, string tag, CancellationToken cancellationToken) =>
        Slugs.IsValid(tag)
            ? ServeAsync(request, TagFiles.FeedFile(tag), FeedWriter.RssContentType, cancellationToken)
            : Task.FromResult(Canonical(request.HttpContext.Response, tag, urls.TagFeed) ?? NotFound(request.HttpContext.Response));

    public Task<IResult> GetTagPageAsync(HttpRequest request, string tag, CancellationToken cancellationToken) =>
        GetGroupPageAsync(request, tag, urls.Tag, TagFiles.PageFile, (slug, after, token) => tagFiles.RenderPageAsync(slug, after, token), cancellationToken);

    public Task<IResult> GetAuthorFeedAsync(HttpRequest request, string author, CancellationToken cancellationToken) =>
        Slugs.IsValid(author)
            ? ServeAsync(request, AuthorFiles.FeedFile(author), FeedWriter.RssContentType, cancellationToken)
            : Task.FromResult(Canonical(request.HttpContext.Response, author, urls.AuthorFeed) ?? NotFound(request.HttpContext.Response));

    public Task<IResult> GetAuthorPageAsync(HttpRequest request, string author, CancellationToken cancellationToken) =>
        GetGroupPageAsync(request, author, urls.Author, AuthorFiles.PageFile, (slug, after, token) => authorFiles.RenderPageAsync(slug, after, token), cancellationToken);

    /// <summary>
    /// A tag's or an author's page: the first page as the site-file stage stored it; a later one (<c>?after=</c>, its
    /// cursor checked: only keys this backend writes) rendered from one range query and cached like a page.
    /// </summary>
    private async Task<IResult> GetGroupPageAsync(HttpRequest request, string slug, Func<string, string> canonicalUrl, Func<string, string> pageFile,
        Func<string, string, CancellationToken, Task<byte[]?>> renderLater, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        PageHandlers.AddPageHeaders(response);
        if (!Slugs.IsValid(slug))
        {
            return Canonical(response, slug, canonicalUrl) ?? await ErrorPageAsync(response, cancellationToken);
        }
        if (request.Query.ContainsKey("after"))
        {
            if (!ListCursor.TryDecode(request.Query["after"], out var after))
            {
                return await ErrorPageAsync(response, cancellationToken);
            }
            var later = await served.GetAsync($"{pageFile(slug)}:{after}", (Render: renderLater, Slug: slug, After: after!), static async (state, token) =>
                await state.Render(state.Slug, state.After, token) is { } html
                    ? ServedResponse.Hashed(html, HtmlContentType)
                    : ServedResponse.Without(ServedStatus.NotFound),
                cancellationToken);
            return later.Status == ServedStatus.Ok ? Serve(response, later) : await ErrorPageAsync(response, cancellationToken);
        }
        var file = await ReadAsync(pageFile(slug), HtmlContentType, cancellationToken);
        return file.Status == ServedStatus.Ok ? Serve(response, file) : await ErrorPageAsync(response, cancellationToken);
    }

    public IResult GetRobots(HttpRequest request)
    {
        var response = request.HttpContext.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        return Serve(response, _robots);
    }

    private async Task<IResult> ServeAsync(HttpRequest request, string name, string contentType, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        var file = await ReadAsync(name, contentType, cancellationToken);
        return file.Status == ServedStatus.Ok ? Serve(response, file) : NotFound(response);
    }

    private ValueTask<ServedResponse> ReadAsync(string name, string contentType, CancellationToken cancellationToken) =>
        served.GetAsync("site:" + name, (Files: files, Name: name, ContentType: contentType), static async (state, token) =>
            await state.Files.ReadAsync(state.Name, token) is { } file
                ? new ServedResponse(ServedStatus.Ok, file.Bytes, state.ContentType, file.ETag)
                : ServedResponse.Without(ServedStatus.NotFound),
            cancellationToken);

    private IResult Serve(HttpResponse response, ServedResponse file)
    {
        response.Headers.CacheControl = _cacheControl;
        return file.Result!;
    }

    private static readonly string RedirectCacheControl = HttpCaching.Public(3600);

    /// <summary>A tag written otherwise than its slug (<c>/tags/Azure</c>) is sent to the slug's address for good.</summary>
    private static IResult? Canonical(HttpResponse response, string tag, Func<string, string> url)
    {
        var slug = Slugs.From(tag);
        if (!Slugs.IsValid(slug))
        {
            return null;
        }
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = RedirectCacheControl;
        return Results.Redirect(new Uri(url(slug)).PathAndQuery, permanent: true);
    }

    private static IResult NotFound(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        HttpCaching.SetNotCacheable(response);
        return Results.NotFound();
    }

    private Task<IResult> ErrorPageAsync(HttpResponse response, CancellationToken cancellationToken) =>
        pages.ErrorAsync(response, StatusCodes.Status404NotFound, cancellationToken);
}
