using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Serverless.Core.Configuration;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.ActivityPub;

/// <summary>
/// The ActivityPub documents of the site: its actor, each article as an ActivityStreams <c>Article</c>, and the
/// activities sent about them (<c>Create</c>, <c>Update</c>, <c>Delete</c>, <c>Accept</c>), shaped as Mastodon's
/// documentation shows them.
/// </summary>
public sealed class ActivityDocuments(ActivityPubUrls ap, ActorKey key, SiteUrls urls, SiteOptions site, SocialMetaTags meta)
{
    public JsonObject Actor() => new()
    {
        ["@context"] = new JsonArray(ActivityStreams.Context, ActivityStreams.SecurityContext),
        ["id"] = ap.Actor,
        // A site that publishes on its own: Mastodon shows a Service as automated.
        ["type"] = "Service",
        ["preferredUsername"] = ap.Account[5..ap.Account.IndexOf('@')],
        ["name"] = site.Name,
        ["summary"] = $"<p>{Html.Encode(site.Name)}: every article, as it is published.</p>",
        ["url"] = urls.Home,
        ["inbox"] = ap.Inbox,
        ["outbox"] = ap.Outbox,
        ["followers"] = ap.Followers,
        ["endpoints"] = new JsonObject { ["sharedInbox"] = ap.Inbox },
        ["manuallyApprovesFollowers"] = false,
        ["discoverable"] = true,
        ["icon"] = new JsonObject { ["type"] = "Image", ["mediaType"] = "image/png", ["url"] = urls.Absolute(site.LogoUrl ?? "/logo.png") },
        ["publicKey"] = new JsonObject { ["id"] = ap.KeyId, ["owner"] = ap.Actor, ["publicKeyPem"] = key.PublicKeyPem },
    };

    /// <summary>The article as an ActivityStreams <c>Article</c>; <paramref name="content"/> is its body's HTML.</summary>
    public JsonObject Article(StoredArticle article, string content, ReactionCounts? reactions = null)
    {
        var url = urls.Article(article.Slug);
        var image = meta.ImageOf(article, article.Outputs.ShareImage);
        var document = new JsonObject
        {
            ["@context"] = ActivityStreams.Context,
            ["id"] = url,
            ["type"] = "Article",
            ["name"] = article.Title,
            ["content"] = content,
            ["url"] = url,
            ["attributedTo"] = ap.Actor,
            ["published"] = SitemapWriter.W3CDateTime(article.Published),
            ["updated"] = SitemapWriter.W3CDateTime(article.Modified),
            ["to"] = new JsonArray(ActivityStreams.Public),
            ["cc"] = new JsonArray(ap.Followers),
            ["tag"] = new JsonArray([.. article.Tags.Select(tag => (JsonNode)new JsonObject
            {
                ["type"] = "Hashtag",
                ["href"] = urls.Tag(Slugs.From(tag)),
                ["name"] = "#" + Slugs.From(tag).Replace("-", "", StringComparison.Ordinal),
            })]),
            ["image"] = new JsonObject { ["type"] = "Image", ["mediaType"] = image.ContentType, ["url"] = image.Url, ["name"] = image.Alt },
        };
        if (article.Language is { Length: > 0 } language)
        {
            document["contentMap"] = new JsonObject { [language] = content };
        }
        if (reactions is not null)
        {
            document["likes"] = Count(url + "#likes", reactions.Likes);
            document["shares"] = Count(url + "#shares", reactions.Boosts);
            document["replies"] = Count(url + "#replies", reactions.Replies);
        }
        return document;
    }

    /// <summary>
    /// <c>Create</c>, <c>Update</c> or <c>Delete</c> of an article. The id names the version (<paramref name="version"/>), so
    /// a delivery sent twice after a crash is the same activity, which receivers take once.
    /// </summary>
    public JsonObject Activity(string type, string articleUrl, string version, JsonObject? article) => new()
    {
        ["@context"] = ActivityStreams.Context,
        ["id"] = $"{articleUrl}#{type.ToLowerInvariant()}-{version}",
        ["type"] = type,
        ["actor"] = ap.Actor,
        ["to"] = new JsonArray(ActivityStreams.Public),
        ["cc"] = new JsonArray(ap.Followers),
        ["object"] = article is null
            ? new JsonObject { ["id"] = articleUrl, ["type"] = "Tombstone" }
            : WithoutContext(article),
    };

    /// <summary>The answer to a <c>Follow</c>: the follow itself, accepted.</summary>
    public JsonObject Accept(JsonObject follow) => new()
    {
        ["@context"] = ActivityStreams.Context,
        ["id"] = $"{ap.Actor}#accept-{Hash(follow["id"]?.GetValue<string>() ?? follow.ToJsonString())}",
        ["type"] = "Accept",
        ["actor"] = ap.Actor,
        ["object"] = follow.DeepClone(),
    };

    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];

    private static JsonObject Count(string id, int total) => new() { ["id"] = id, ["type"] = "Collection", ["totalItems"] = total };

    private static JsonObject WithoutContext(JsonObject document)
    {
        var copy = (JsonObject)document.DeepClone();
        copy.Remove("@context");
        return copy;
    }
}
