using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Http;

namespace Serverless.Functions.Http;

/// <summary>The site as a fediverse actor (WebFinger, NodeInfo, actor, outbox, followers, inbox); the handlers and routes are the ones the local server maps.</summary>
public sealed class ActivityPubFunctions(ActivityPubHandlers handlers)
{
    [Function(nameof(WebFinger))]
    public IResult WebFinger([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.WebFinger)] HttpRequest request) =>
        handlers.GetWebFinger(request);

    [Function(nameof(NodeInfoLinks))]
    public IResult NodeInfoLinks([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.NodeInfoLinks)] HttpRequest request) =>
        handlers.GetNodeInfoLinks(request);

    [Function(nameof(NodeInfo))]
    public IResult NodeInfo([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.NodeInfo)] HttpRequest request) =>
        handlers.GetNodeInfo(request);

    [Function(nameof(Actor))]
    public IResult Actor([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Actor)] HttpRequest request) =>
        handlers.GetActor(request);

    [Function(nameof(Outbox))]
    public Task<IResult> Outbox([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Outbox)] HttpRequest request, CancellationToken cancellationToken) =>
        handlers.GetOutboxAsync(request, cancellationToken);

    [Function(nameof(Followers))]
    public Task<IResult> Followers([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.Followers)] HttpRequest request, CancellationToken cancellationToken) =>
        handlers.GetFollowersAsync(request, cancellationToken);

    /// <summary>Anonymous at the host: every POST is checked by its HTTP Signature instead.</summary>
    [Function(nameof(Inbox))]
    public Task<IResult> Inbox([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.Inbox)] HttpRequest request, CancellationToken cancellationToken) =>
        handlers.PostInboxAsync(request, cancellationToken);
}
