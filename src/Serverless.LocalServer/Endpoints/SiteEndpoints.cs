using Serverless.Core.Http;
using Serverless.LocalServer.Hosting;

namespace Serverless.LocalServer.Endpoints;

/// <summary>Maps the shared routes to the shared handlers: the same ones the Functions app binds.</summary>
public static class SiteEndpoints
{
    public static IEndpointRouteBuilder MapSiteEndpoints(this IEndpointRouteBuilder endpoints)
    {
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];
        // The handlers are singletons: resolved once here, not from RequestServices, so a request creates and disposes
        // no DI scope (a measurable share of a cached page's cost under load).
        var services = endpoints.ServiceProvider;
        var pages = services.GetRequiredService<PageHandlers>();
        var media = services.GetRequiredService<MediaHandlers>();
        var cards = services.GetRequiredService<ShareCardHandlers>();
        var syndication = services.GetRequiredService<SyndicationHandlers>();
        var api = services.GetRequiredService<ApiHandlers>();
        var admin = services.GetRequiredService<AdminHandlers>();
        var authorPages = services.GetRequiredService<AuthorPageHandlers>();
        endpoints.MapMethods(Routes.Index, getOrHead, (HttpRequest request, CancellationToken ct) => pages.GetIndexAsync(request, ct));
        endpoints.MapMethods(Routes.Media, getOrHead, (HttpRequest request, string path, CancellationToken ct) => media.GetMediaAsync(request, path, ct));
        endpoints.MapMethods(Routes.ArticlePage, getOrHead, (HttpRequest request, string slug, CancellationToken ct) => pages.GetArticleAsync(request, slug, ct));
        endpoints.MapMethods(Routes.ShareCard, getOrHead, (HttpRequest request, string slug, CancellationToken ct) => cards.GetAsync(request, slug, ct));

        endpoints.MapMethods(Routes.RssFeed, getOrHead, (HttpRequest request, CancellationToken ct) => syndication.GetRssFeedAsync(request, ct));
        endpoints.MapMethods(Routes.AtomFeed, getOrHead, (HttpRequest request, CancellationToken ct) => syndication.GetAtomFeedAsync(request, ct));
        endpoints.MapMethods(Routes.Sitemap, getOrHead, (HttpRequest request, CancellationToken ct) => syndication.GetSitemapAsync(request, ct));
        endpoints.MapMethods(Routes.SitemapShard, getOrHead, (HttpRequest request, string month, CancellationToken ct) => syndication.GetSitemapShardAsync(request, month, ct));
        endpoints.MapMethods(Routes.Robots, getOrHead, (HttpRequest request) => syndication.GetRobots(request));
        var activityPub = services.GetRequiredService<ActivityPubHandlers>();
        endpoints.MapGet(Routes.WebFinger, (HttpRequest request) => activityPub.GetWebFinger(request));
        endpoints.MapGet(Routes.NodeInfoLinks, (HttpRequest request) => activityPub.GetNodeInfoLinks(request));
        endpoints.MapGet(Routes.NodeInfo, (HttpRequest request) => activityPub.GetNodeInfo(request));
        endpoints.MapGet(Routes.Actor, (HttpRequest request) => activityPub.GetActor(request));
        endpoints.MapGet(Routes.Outbox, (HttpRequest request, CancellationToken ct) => activityPub.GetOutboxAsync(request, ct));
        endpoints.MapGet(Routes.Followers, (HttpRequest request, CancellationToken ct) => activityPub.GetFollowersAsync(request, ct));
        endpoints.MapPost(Routes.Inbox, (HttpRequest request, CancellationToken ct) => activityPub.PostInboxAsync(request, ct));
        endpoints.MapMethods(Routes.NewsSitemap, getOrHead, (HttpRequest request, CancellationToken ct) => syndication.GetNewsSitemapAsync(request, ct));
        endpoints.MapMethods(Routes.IndexNowKey, getOrHead, (HttpRequest request, string key) => syndication.GetIndexNowKey(request, key));
        endpoints.MapMethods(Routes.TagPage, getOrHead, (HttpRequest request, string tag, CancellationToken ct) => syndication.GetTagPageAsync(request, tag, ct));
        endpoints.MapMethods(Routes.TagFeed, getOrHead, (HttpRequest request, string tag, CancellationToken ct) => syndication.GetTagFeedAsync(request, tag, ct));
        endpoints.MapMethods(Routes.AuthorPage, getOrHead, (HttpRequest request, string author, CancellationToken ct) => syndication.GetAuthorPageAsync(request, author, ct));
        endpoints.MapMethods(Routes.AuthorFeed, getOrHead, (HttpRequest request, string author, CancellationToken ct) => syndication.GetAuthorFeedAsync(request, author, ct));
        var archives = services.GetRequiredService<ArchiveHandlers>();
        endpoints.MapMethods(Routes.Archives, getOrHead, (HttpRequest request, CancellationToken ct) => archives.GetArchivesAsync(request, ct));
        endpoints.MapMethods(Routes.ArchiveMonth, getOrHead, (HttpRequest request, string year, string month, CancellationToken ct) => archives.GetMonthAsync(request, year, month, ct));

        endpoints.MapGet(Routes.ArticleList, (HttpRequest request, CancellationToken ct) => api.ListArticlesAsync(request, ct));
        endpoints.MapGet(Routes.ArticleMetadata, (HttpRequest request, string slug, CancellationToken ct) => api.GetArticleAsync(request, slug, ct));
        endpoints.MapGet(Routes.ShareSnippet, (HttpRequest request, string slug, CancellationToken ct) => api.GetShareSnippetAsync(request, slug, ct));
        endpoints.MapGet(Routes.Oembed, (HttpRequest request, CancellationToken ct) => api.GetOembedAsync(request, ct));
        var search = services.GetRequiredService<SearchHandlers>();
        endpoints.MapMethods(Routes.SearchPage, getOrHead, (HttpRequest request, CancellationToken ct) => search.GetPageAsync(request, ct));
        endpoints.MapGet(Routes.SearchApi, (HttpRequest request, CancellationToken ct) => search.GetApiAsync(request, ct));
        endpoints.MapMethods(Routes.Logo, getOrHead, (HttpRequest request) => PageHandlers.GetLogo(request));
        endpoints.MapMethods(Routes.Favicon, getOrHead, (HttpRequest request) => PageHandlers.GetLogo(request));
        endpoints.MapMethods(Routes.Theme, getOrHead, (HttpRequest request, CancellationToken ct) => pages.GetThemeAsync(request, ct));

        // The admin API, behind the admin key (AdminGate) as the Functions app's is behind a function key.
        var adminRoutes = endpoints.MapGroup(string.Empty);
        adminRoutes.MapGet(Routes.AdminStatus, (HttpRequest request, CancellationToken ct) => admin.GetStatusAsync(request, ct));
        adminRoutes.MapGet(Routes.AdminSources, (HttpRequest request, CancellationToken ct) => admin.ListSourcesAsync(request, ct));
        adminRoutes.MapGet(Routes.AdminFailures, (HttpRequest request, CancellationToken ct) => admin.ListFailuresAsync(request, ct));
        adminRoutes.MapPost(Routes.AdminRepublish, (HttpRequest request, CancellationToken ct) => admin.RepublishAsync(request, ct));
        adminRoutes.MapGet(Routes.AdminJob, (HttpRequest request, string id, CancellationToken ct) => admin.GetJobAsync(request, id, ct));
        adminRoutes.MapGet(Routes.AdminPreview, (HttpRequest request, CancellationToken ct) => admin.PreviewAsync(request, ct));
        adminRoutes.MapGet(Routes.AdminSharePreview, (HttpRequest request, CancellationToken ct) => admin.SharePreviewAsync(request, ct));
        adminRoutes.MapPost(Routes.AdminBlobEvents, (HttpRequest request, CancellationToken ct) => admin.ReceiveBlobEventsAsync(request, ct));
        adminRoutes.MapMethods(Routes.AdminBlobEvents, [HttpMethods.Options], (HttpRequest request) => AdminHandlers.AllowCloudEventsOrigin(request));
        // The author pages at /admin/ (what authors type) and at /api/admin/pages/ (where the Functions app has them).
        foreach (var folder in (string[])[Routes.AuthorPages, Routes.FunctionsAuthorPages])
        {
            adminRoutes.MapGet(folder + Routes.AuthorSharePreview, (HttpRequest request, CancellationToken ct) => authorPages.SharePreviewAsync(request, ct));
            adminRoutes.MapGet(folder + Routes.AuthorDashboard, (HttpRequest request, CancellationToken ct) => authorPages.DashboardAsync(request, ct));
            adminRoutes.MapGet(folder + Routes.AuthorPagePreview, (HttpRequest request, CancellationToken ct) => authorPages.PagePreviewAsync(request, ct));
        }

        // A path no route matches: the API's problem answer under /api, else the site's 404 page, never a bare 404.
        endpoints.MapFallback((HttpRequest request) => request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            ? Task.FromResult(Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such route", detail: "No API route has this path."))
            : pages.GetNotFoundAsync(request, request.HttpContext.RequestAborted));
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
