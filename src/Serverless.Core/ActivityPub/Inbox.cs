using System.Text.Json.Nodes;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.ActivityPub;

/// <summary>
/// The site actor's inbox (also its shared inbox). Every POST must carry a valid HTTP Signature by a key its sender's
/// actor publishes, over a <c>Digest</c> that matches the body, and the activity must be that actor's: otherwise 401
/// and nothing changes. Accepted: <c>Follow</c> of the site (the follower stored, an <c>Accept</c> queued for it),
/// <c>Undo</c> of a follow, like or boost, <c>Like</c> and <c>Announce</c> of an article, a <c>Create</c> of a note in
/// reply to one (counted, and with <see cref="ActivityPubOptions.ShowReplies"/> shown on its page, which is rendered
/// again), <c>Delete</c> of such a reply by its author, and <c>Delete</c> of an actor who followed. Anything else is
/// taken (202) and ignored.
/// </summary>
public sealed partial class Inbox(RemoteActors actors, Followers followers, Reactions reactions, ActivityDocuments documents, DeliveryMessageHandler deliveries,
    RenderQueueClient renders, IOptions<ActivityPubOptions> options, ActivityPubUrls urls, SiteUrls siteUrls, TimeProvider time, ILogger<Inbox> logger)
{
    /// <summary>Larger activities are refused unread: no real one is.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// Takes a POST signed with RFC 9421 (<c>Signature-Input</c> and <c>Signature</c>) or draft-cavage (a
    /// <c>Signature</c> alone, or <c>Authorization: Signature</c>): either way by a key its sender's actor publishes.
    /// </summary>
    public async Task<InboxOutcome> ReceiveAsync(SignedRequest request, CancellationToken cancellationToken)
    {
        var (header, body, now) = (request.Header, request.Body, time.GetUtcNow());
        string keyId;
        Func<string, string?> verify;
        if (header("signature-input") is { } input)
        {
            if (MessageSignature.Parse(input, header("signature")) is not { } messageSignature)
            {
                return Refused("no valid Signature-Input and Signature (RFC 9421)");
            }
            keyId = messageSignature.KeyId;
            verify = publicKeyPem => MessageSignatures.Verify(messageSignature, request, publicKeyPem, now);
        }
        else
        {
            // The Signature header, as the fediverse sends it, or the Authorization header's Signature scheme (draft-cavage, 3).
            var authorization = header("authorization");
            var signatureText = header("signature") ?? (authorization?.StartsWith("Signature ", StringComparison.OrdinalIgnoreCase) == true ? authorization[10..] : null);
            if (SignatureHeader.Parse(signatureText) is not { } signature)
            {
                return Refused("no valid Signature header");
            }
            keyId = signature.KeyId;
            verify = publicKeyPem => HttpSignatures.Verify(signature, request, publicKeyPem, now);
        }
        if (await actors.ByKeyAsync(keyId, cancellationToken) is not { } sender)
        {
            return Refused($"the key {keyId} could not be fetched from its actor");
        }
        if (verify(sender.PublicKeyPem) is { } invalid)
        {
            return Refused(invalid);
        }
        JsonObject activity;
        try
        {
            activity = JsonNode.Parse(body) as JsonObject ?? throw new System.Text.Json.JsonException("not an object");
        }
        catch (System.Text.Json.JsonException exception)
        {
            return new InboxOutcome(400, "the body is not an activity: " + exception.Message);
        }
        if (Id(activity["actor"]) != sender.Id)
        {
            return Refused("the activity is not the signer's");
        }
        var reason = await ApplyAsync(activity, sender, cancellationToken);
        LogReceived(Text(activity["type"]) ?? "?", sender.Id, reason);
        return new InboxOutcome(202, reason);
    }

    private async Task<string> ApplyAsync(JsonObject activity, RemoteActor sender, CancellationToken cancellationToken)
    {
        var type = Text(activity["type"]);
        var objectNode = activity["object"];
        switch (type)
        {
            case "Follow" when Id(objectNode) == urls.Actor:
                // The follower first, then the Accept: a crash in between leaves a follower whose server sends the Follow again.
                await followers.AddAsync(sender, cancellationToken);
                await deliveries.DeliverLaterAsync(documents.Accept(activity).ToJsonString(), sender.Inbox, cancellationToken);
                return "followed";
            case "Undo" when objectNode is JsonObject undone:
                return Text(undone["type"]) switch
                {
                    "Follow" => await UnfollowAsync(sender, cancellationToken),
                    "Like" when SlugOf(undone["object"]) is { } slug => await RemoveAsync(slug, ReactionKind.Like, sender.Id, cancellationToken),
                    "Announce" when SlugOf(undone["object"]) is { } slug => await RemoveAsync(slug, ReactionKind.Boost, sender.Id, cancellationToken),
                    _ => "ignored",
                };
            case "Like" when SlugOf(objectNode) is { } liked:
                await reactions.AddAsync(liked, ReactionKind.Like, sender.Id, sender.Id, Id(activity) ?? "", cancellationToken);
                return "like counted";
            case "Announce" when SlugOf(objectNode) is { } boosted:
                await reactions.AddAsync(boosted, ReactionKind.Boost, sender.Id, sender.Id, Id(activity) ?? "", cancellationToken);
                return "boost counted";
            case "Create" when objectNode is JsonObject note && SlugOf(note["inReplyTo"]) is { } replied && WebAddress(Id(note)) is { } noteId:
                await reactions.AddReplyAsync(replied, new ReceivedReply(noteId, sender.Id, sender.Name, ReplyContent.Sanitize(Text(note["content"])),
                    WebAddress(Text(note["url"])) ?? noteId, Published(note)), cancellationToken);
                await RenderRepliesAsync(replied, cancellationToken);
                return "reply counted";
            case "Delete" when Id(objectNode) is { } deleted:
                if (deleted == sender.Id)
                {
                    return await UnfollowAsync(sender, cancellationToken);
                }
                if (await reactions.RemoveReplyAsync(deleted, sender.Id, cancellationToken) is not { } answered)
                {
                    return "ignored";
                }
                await RenderRepliesAsync(answered, cancellationToken);
                return "reply removed";
            default:
                return "ignored";
        }
    }

    /// <summary>A page showing replies is rendered again, delayed: a thread's burst of replies makes one render.</summary>
    private async Task RenderRepliesAsync(string slug, CancellationToken cancellationToken)
    {
        if (options.Value.ShowReplies)
        {
            await renders.EnqueueAsync([slug], cancellationToken, delayed: true);
        }
    }

    /// <summary>When the note says it was written, never later than now (a date to come would keep it first).</summary>
    private DateTimeOffset Published(JsonObject note)
    {
        var now = time.GetUtcNow();
        return DateTimeOffset.TryParse(Text(note["published"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var published) && published < now ? published : now;
    }

    /// <summary>An absolute http(s) address, which a page may link; null for anything else (a <c>javascript:</c> id).</summary>
    private static string? WebAddress(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? text : null;

    private async Task<string> UnfollowAsync(RemoteActor sender, CancellationToken cancellationToken)
    {
        await followers.RemoveAsync(sender.Id, cancellationToken);
        return "unfollowed";
    }

    private async Task<string> RemoveAsync(string slug, ReactionKind kind, string actor, CancellationToken cancellationToken)
    {
        await reactions.RemoveAsync(slug, kind, actor, cancellationToken);
        return kind.ToString().ToLowerInvariant() + " removed";
    }

    /// <summary>The slug of the site's article <paramref name="node"/> names (its URL), or null.</summary>
    private string? SlugOf(JsonNode? node)
    {
        var prefix = siteUrls.Article(string.Empty);
        return Id(node) is { } id && id.StartsWith(prefix, StringComparison.Ordinal) && Parsing.Slugs.IsValid(id[prefix.Length..]) ? id[prefix.Length..] : null;
    }

    /// <summary>An object's id: the string itself, or the <c>id</c> of an embedded object.</summary>
    private static string? Id(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonObject embedded => Text(embedded["id"]),
        _ => null,
    };

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private InboxOutcome Refused(string reason)
    {
        LogRefused(reason);
        return new InboxOutcome(401, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ActivityPub inbox: {Type} from {Actor}: {Outcome}")]
    private partial void LogReceived(string type, string actor, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ActivityPub inbox: refused, {Reason}")]
    private partial void LogRefused(string reason);
}
