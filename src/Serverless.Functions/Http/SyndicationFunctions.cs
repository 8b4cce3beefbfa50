using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Http;

namespace Serverless.Functions.Http;

/// <summary>Feeds, sitemaps, robots.txt and tag pages; the handlers and routes are the ones the local server maps.</summary>
public sealed class SyndicationFunctions(SyndicationHandlers handlers)
{
    [Function(nameof(GetRssFeed))]
    public Task<IResult> GetRssFeed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.RssFeed)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.GetRssFeedAsync(request, cancellationToken);

    [Function(nameof(GetAtomFeed))]
    public Task<IResult> GetAtomFeed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.AtomFeed)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.GetAtomFeedAsync(request, cancellationToken);

    [Function(nameof(GetSitemap))]
    public Task<IResult> GetSitemap(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Sitemap)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.GetSitemapAsync(request, cancellationToken);

    [Function(nameof(GetSitemapShard))]
    public Task<IResult> GetSitemapShard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.SitemapShard)] HttpRequest request,
        string month,
        CancellationToken cancellationToken) =>
        handlers.GetSitemapShardAsync(request, month, cancellationToken);

    [Function(nameof(GetNewsSitemap))]
    public Task<IResult> GetNewsSitemap(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.NewsSitemap)] HttpRequest request,
        CancellationToken cancellationToken) =>
        handlers.GetNewsSitemapAsync(request, cancellationToken);

    [Function(nameof(GetIndexNowKey))]
    public IResult GetIndexNowKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.IndexNowKey)] HttpRequest request,
        string key) =>
        handlers.GetIndexNowKey(request, key);

    [Function(nameof(GetRobots))]
    public IResult GetRobots(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.Robots)] HttpRequest request) =>
        handlers.GetRobots(request);

    [Function(nameof(GetTagPage))]
    public Task<IResult> GetTagPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.TagPage)] HttpRequest request,
        string tag,
        CancellationToken cancellationToken) =>
        handlers.GetTagPageAsync(request, tag, cancellationToken);

    [Function(nameof(GetTagFeed))]
    public Task<IResult> GetTagFeed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.TagFeed)] HttpRequest request,
        string tag,
        CancellationToken cancellationToken) =>
        handlers.GetTagFeedAsync(request, tag, cancellationToken);

    [Function(nameof(GetAuthorPage))]
    public Task<IResult> GetAuthorPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.AuthorPage)] HttpRequest request,
        string author,
        CancellationToken cancellationToken) =>
        handlers.GetAuthorPageAsync(request, author, cancellationToken);

    [Function(nameof(GetAuthorFeed))]
    public Task<IResult> GetAuthorFeed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = Routes.AuthorFeed)] HttpRequest request,
        string author,
        CancellationToken cancellationToken) =>
        handlers.GetAuthorFeedAsync(request, author, cancellationToken);
}
