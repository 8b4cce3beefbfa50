using Microsoft.Extensions.Options;
using Serverless.Core.Configuration;

namespace Serverless.Core.ActivityPub;

/// <summary>The addresses of the site actor and its collections, and its <c>acct:</c> handle.</summary>
public sealed class ActivityPubUrls(SiteOptions site, IOptions<ActivityPubOptions> options)
{
    public string Host { get; } = new Uri(site.BaseUrl).Authority;

    public string Actor { get; } = $"{site.BaseUrl}/activitypub/actor";

    public string KeyId => Actor + "#main-key";

    public string Inbox { get; } = $"{site.BaseUrl}/activitypub/inbox";

    public string Outbox { get; } = $"{site.BaseUrl}/activitypub/outbox";

    public string Followers { get; } = $"{site.BaseUrl}/activitypub/followers";

    public string NodeInfo { get; } = $"{site.BaseUrl}/nodeinfo/2.1";

    /// <summary><c>acct:news@news.example.com</c>: what WebFinger is asked for.</summary>
    public string Account => $"acct:{options.Value.ActorName}@{Host}";
}
