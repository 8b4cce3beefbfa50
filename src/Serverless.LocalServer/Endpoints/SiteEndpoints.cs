using Serverless.Core.Http;
using Serverless.LocalServer.Hosting;

namespace Serverless.LocalServer.Endpoints;

/// <summary>Maps the shared routes to the shared handlers: the same ones the Functions app binds.</summary>
public static class SiteEndpoints
{
    public static IEndpointRouteBuilder MapSiteEndpoints(this IEndpointRouteBuilder endpoints)
    {
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];
        endpoints.MapMethods(Routes.Index, getOrHead, (HttpRequest request, PageHandlers pages, CancellationToken ct) => pages.GetIndexAsync(request, ct));
        endpoints.MapMethods(Routes.Media, getOrHead, (HttpRequest request, string path, MediaHandlers media, CancellationToken ct) => media.GetMediaAsync(request, path, ct));
        endpoints.MapMethods(Routes.ArticlePage, getOrHead, (HttpRequest request, string slug, PageHandlers pages, CancellationToken ct) => pages.GetArticleAsync(request, slug, ct));
        endpoints.MapMethods(Routes.ShareCard, getOrHead, (HttpRequest request, string slug, ShareCardHandlers cards, CancellationToken ct) => cards.GetAsync(request, slug, ct));

        endpoints.MapMethods(Routes.RssFeed, getOrHead, (HttpRequest request, SyndicationHandlers handlers, CancellationToken ct) => handlers.GetRssFeedAsync(request, ct));
        endpoints.MapMethods(Routes.AtomFeed, getOrHead, (HttpRequest request, SyndicationHandlers handlers, CancellationToken ct) => handlers.GetAtomFeedAsync(request, ct));
        endpoints.MapMethods(Routes.Sitemap, getOrHead, (HttpRequest request, SyndicationHandlers handlers, CancellationToken ct) => handlers.GetSitemapAsync(request, ct));
        endpoints.MapMethods(Routes.SitemapShard, getOrHead, (HttpRequest request, string month, SyndicationHandlers handlers, CancellationToken ct) => handlers.GetSitemapShardAsync(request, month, ct));
        endpoints.MapMethods(Routes.Robots, getOrHead, (HttpRequest request, SyndicationHandlers handlers) => handlers.GetRobots(request));
        endpoints.MapMethods(Routes.TagPage, getOrHead, (HttpRequest request, string tag, SyndicationHandlers handlers, CancellationToken ct) => handlers.GetTagPageAsync(request, tag, ct));
        endpoints.MapMethods(Routes.TagFeed, getOrHead, (HttpRequest request, string tag, SyndicationHandlers handlers, CancellationToken ct) => handlers.GetTagFeedAsync(request, tag, ct));

        endpoints.MapGet(Routes.ArticleList, (HttpRequest request, ApiHandlers handlers, CancellationToken ct) => handlers.ListArticlesAsync(request, ct));
        endpoints.MapGet(Routes.ArticleMetadata, (HttpRequest request, string slug, ApiHandlers handlers, CancellationToken ct) => handlers.GetArticleAsync(request, slug, ct));
        endpoints.MapGet(Routes.ShareSnippet, (HttpRequest request, string slug, ApiHandlers handlers, CancellationToken ct) => handlers.GetShareSnippetAsync(request, slug, ct));
        endpoints.MapGet(Routes.Oembed, (HttpRequest request, ApiHandlers handlers, CancellationToken ct) => handlers.GetOembedAsync(request, ct));
        endpoints.MapMethods(Routes.Logo, getOrHead, (HttpRequest request) => PageHandlers.GetLogo(request));

        // The admin API, behind the admin key as the Functions app's is behind a function key.
        var admin = endpoints.MapGroup(string.Empty);
        AdminKey.RequireFor(admin);
        admin.MapGet(Routes.AdminStatus, (HttpRequest request, AdminHandlers handlers, CancellationToken ct) => handlers.GetStatusAsync(request, ct));
        admin.MapGet(Routes.AdminSources, (HttpRequest request, AdminHandlers handlers, CancellationToken ct) => handlers.ListSourcesAsync(request, ct));
        admin.MapGet(Routes.AdminFailures, (HttpRequest request, AdminHandlers handlers, CancellationToken ct) => handlers.ListFailuresAsync(request, ct));
        admin.MapPost(Routes.AdminRepublish, (HttpRequest request, AdminHandlers handlers, CancellationToken ct) => handlers.RepublishAsync(request, ct));
        admin.MapGet(Routes.AdminPreview, (HttpRequest request, AdminHandlers handlers, CancellationToken ct) => handlers.PreviewAsync(request, ct));
        admin.MapPost(Routes.AdminBlobEvents, (HttpRequest request, AdminHandlers handlers, CancellationToken ct) => handlers.ReceiveBlobEventsAsync(request, ct));
        admin.MapMethods(Routes.AdminBlobEvents, [HttpMethods.Options], (HttpRequest request) => AdminHandlers.AllowCloudEventsOrigin(request));

        // A path no route matches: the API's problem answer under /api, else the site's 404 page, never a bare 404.
        endpoints.MapFallback((HttpRequest request, PageHandlers pages) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such route", detail: "No API route has this path.")
            : pages.GetNotFound(request));
        return endpoints;
    }

    /// <summary>Every answer, whatever writes it, carries the security headers (<see cref="SecurityHeaders"/>).</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // A static callback with the response as state: no closure allocated per request.
        context.Response.OnStarting(static response =>
        {
            SecurityHeaders.Apply((HttpResponse)response);
            return Task.CompletedTask;
        }, context.Response);
        return next(context);
    });
}
