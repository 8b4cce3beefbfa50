using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serverless.Core.ActivityPub;
using Serverless.Core.Configuration;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Http;

/// <summary>
/// The site as a fediverse actor: WebFinger, NodeInfo, the actor and its collections, its inbox, and each article as an
/// ActivityStreams object at its own URL when asked for one. Every route answers 404 while ActivityPub is off.
/// </summary>
public sealed class ActivityPubHandlers(IOptions<ActivityPubOptions> options, ActivityPubUrls urls, ActivityDocuments documents, ArticleObjects articles,
    ArticleRepository repository, ArticlesByDate listing, Followers followers, Reactions reactions, Inbox inbox, SiteUrls siteUrls, SiteOptions site)
{
    public const string JrdContentType = "application/jrd+json; charset=utf-8";
    public const string NodeInfoSchema = "http://nodeinfo.diaspora.software/ns/schema/2.1";

    private readonly string _cacheControl = HttpCaching.Public(site.CacheSeconds);

    public bool Enabled => options.Value.Enabled;

    public IResult GetWebFinger(HttpRequest request)
    {
        var resource = request.Query["resource"].ToString();
        if (!Enabled || !(string.Equals(resource, urls.Account, StringComparison.OrdinalIgnoreCase) || resource == urls.Actor))
        {
            return NotFound(request.HttpContext.Response);
        }
        var links = new JsonArray(
            new JsonObject { ["rel"] = "self", ["type"] = ActivityStreams.ContentType, ["href"] = urls.Actor },
            new JsonObject { ["rel"] = "http://webfinger.net/rel/profile-page", ["type"] = "text/html", ["href"] = siteUrls.Home });
        return Document(request, new JsonObject { ["subject"] = urls.Account, ["aliases"] = new JsonArray(urls.Actor, siteUrls.Home), ["links"] = links }, JrdContentType);
    }

    public IResult GetNodeInfoLinks(HttpRequest request) => Enabled
        ? Document(request, new JsonObject { ["links"] = new JsonArray(new JsonObject { ["rel"] = NodeInfoSchema, ["href"] = urls.NodeInfo }) }, "application/json; charset=utf-8")
        : NotFound(request.HttpContext.Response);

    public IResult GetNodeInfo(HttpRequest request) => Enabled
        ? Document(request, new JsonObject
        {
            ["version"] = "2.1",
            ["software"] = new JsonObject { ["name"] = "serverless", ["version"] = typeof(ActivityPubHandlers).Assembly.GetName().Version?.ToString(3) ?? "1.0.0" },
            ["protocols"] = new JsonArray("activitypub"),
            ["services"] = new JsonObject { ["inbound"] = new JsonArray(), ["outbound"] = new JsonArray("rss2.0", "atom1.0") },
            ["openRegistrations"] = false,
            ["usage"] = new JsonObject { ["users"] = new JsonObject { ["total"] = 1, ["activeMonth"] = 1, ["activeHalfyear"] = 1 } },
            ["metadata"] = new JsonObject { ["nodeName"] = site.Name },
        }, $"application/json; profile=\"{NodeInfoSchema}#\"; charset=utf-8")
        : NotFound(request.HttpContext.Response);

    public IResult GetActor(HttpRequest request) => Enabled ? Activity(request, documents.Actor()) : NotFound(request.HttpContext.Response);

    /// <summary>The newest articles as <c>Create</c> activities whose objects are named by URL (each answered at it).</summary>
    public async Task<IResult> GetOutboxAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return NotFound(request.HttpContext.Response);
        }
        var (rows, _) = await listing.ListAsync(PageHandlers.IndexPageSize, after: null, cancellationToken);
        var items = rows.Select(row => (JsonNode)new JsonObject
        {
            ["id"] = siteUrls.Article(row.Slug) + "#create",
            ["type"] = "Create",
            ["actor"] = urls.Actor,
            ["published"] = SitemapWriter.W3CDateTime(row.Published),
            ["to"] = new JsonArray(ActivityStreams.Public),
            ["object"] = siteUrls.Article(row.Slug),
        });
        return Activity(request, new JsonObject
        {
            ["@context"] = ActivityStreams.Context,
            ["id"] = urls.Outbox,
            ["type"] = "OrderedCollection",
            ["totalItems"] = rows.Count,
            ["orderedItems"] = new JsonArray([.. items]),
        });
    }

    public async Task<IResult> GetFollowersAsync(HttpRequest request, CancellationToken cancellationToken) => Enabled
        ? Activity(request, new JsonObject
        {
            ["@context"] = ActivityStreams.Context,
            ["id"] = urls.Followers,
            ["type"] = "OrderedCollection",
            ["totalItems"] = await followers.CountAsync(cancellationToken),
        })
        : NotFound(request.HttpContext.Response);

    public async Task<IResult> PostInboxAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return NotFound(request.HttpContext.Response);
        }
        if (request.ContentLength > Inbox.MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > Inbox.MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        var headers = request.Headers;
        // Behind a front end (Azure's) the request arrives by http; X-Forwarded-Proto names the scheme the sender signed.
        var scheme = headers.TryGetValue("x-forwarded-proto", out var forwarded) && forwarded.ToString() is "https" or "http" ? forwarded.ToString() : request.Scheme;
        var outcome = await inbox.ReceiveAsync(new SignedRequest(request.Method, scheme, request.Path.Value + request.QueryString.Value,
            name => name == "host" ? request.Host.Value : headers.TryGetValue(name, out var value) ? value.ToString() : null,
            buffer.ToArray()), cancellationToken);
        HttpCaching.SetNotCacheable(request.HttpContext.Response);
        return outcome.Status == StatusCodes.Status202Accepted ? Results.Accepted() : Results.Text(outcome.Reason, "text/plain; charset=utf-8", statusCode: outcome.Status);
    }

    /// <summary>
    /// Content negotiation at an article's URL: asked for ActivityStreams, the article as an <c>Article</c> with its
    /// reactions counted; null for a page (or an article not served), which the page handler answers. Either way the
    /// answer varies with <c>Accept</c>, which caches must know.
    /// </summary>
    public async Task<IResult?> NegotiateArticleAsync(HttpRequest request, string slug, CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers.Vary = "Accept";
        if (!ActivityStreams.IsRequested(request.Headers.Accept) || await repository.GetStoredArticleAsync(slug, cancellationToken) is not { IsServed: true } article)
        {
            return null;
        }
        var document = await articles.BuildAsync(article, await reactions.CountAsync(slug, cancellationToken), forDelivery: false, cancellationToken);
        return Activity(request, document);
    }

    private IResult Activity(HttpRequest request, JsonObject document) => Document(request, document, ActivityStreams.ContentType + "; charset=utf-8");

    private IResult Document(HttpRequest request, JsonObject document, string contentType)
    {
        var response = request.HttpContext.Response;
        response.Headers.CacheControl = _cacheControl;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.AccessControlAllowOrigin = "*";
        return Results.Text(document.ToJsonString(), contentType);
    }

    private static IResult NotFound(HttpResponse response)
    {
        HttpCaching.SetNotCacheable(response);
        return Results.NotFound();
    }
}
