using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;

namespace Serverless.Core.ActivityPub;

/// <summary>
/// Other servers' actors, fetched by the id of their key (the <c>keyId</c> of a signature: the actor's id with a
/// fragment, or a key document naming its owner) with a signed GET (servers in secure mode ask for one), and kept an
/// hour in memory: a burst of activities from one server costs one fetch.
/// </summary>
public sealed class RemoteActors(IHttpClientFactory clients, ActorKey key, ActivityPubUrls urls, TimeProvider time) : IDisposable
{
    public const string ClientName = "activitypub";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>Remote actor documents beyond a few dozen kilobytes are refused: no real one is that large.</summary>
    private const int MaxDocumentBytes = 256 * 1024;

    /// <summary>Where an actor says what it is called, in order of preference.</summary>
    private static readonly string[] NameProperties = ["name", "preferredUsername"];

    private readonly MemoryCache _actors = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    /// <summary>The actor whose key <paramref name="keyId"/> names; null when it cannot be fetched or has no such key.</summary>
    public async Task<RemoteActor?> ByKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        if (_actors.TryGetValue(keyId, out RemoteActor? cached))
        {
            return cached;
        }
        if (!Uri.TryCreate(keyId, UriKind.Absolute, out var keyUri) || keyUri.Scheme is not ("http" or "https"))
        {
            return null;
        }
        var document = await FetchAsync(new Uri(keyUri.GetLeftPart(UriPartial.Query)), cancellationToken);
        // A key document (id = keyId, owner = the actor): the actor is fetched next.
        if (document is { } keyDocument && keyDocument.TryGetProperty("owner", out var owner) && !keyDocument.TryGetProperty("inbox", out _)
            && owner.GetString() is { } ownerId && Uri.TryCreate(ownerId, UriKind.Absolute, out var ownerUri))
        {
            document = await FetchAsync(ownerUri, cancellationToken);
        }
        var actor = document is { } found ? Read(found, keyId) : null;
        if (actor is not null)
        {
            _actors.Set(keyId, actor, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        }
        return actor;
    }

    private async Task<JsonElement?> FetchAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(ActivityStreams.ContentType));
        HttpSignatures.Sign(request, null, urls.KeyId, key.Sign, time.GetUtcNow());
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxDocumentBytes)
            {
                return null;
            }
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return bytes.Length > MaxDocumentBytes ? null : JsonDocument.Parse(bytes).RootElement.Clone();
        }
        catch (Exception exception) when (exception is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static RemoteActor? Read(JsonElement actor, string keyId)
    {
        if (actor.ValueKind != JsonValueKind.Object || !actor.TryGetProperty("id", out var id) || !actor.TryGetProperty("inbox", out var inbox)
            || !actor.TryGetProperty("publicKey", out var publicKey))
        {
            return null;
        }
        // One key or several: the one the signature names.
        var keys = publicKey.ValueKind == JsonValueKind.Array ? publicKey.EnumerateArray().ToList() : [publicKey];
        var match = keys.FirstOrDefault(candidate => candidate.ValueKind == JsonValueKind.Object && candidate.TryGetProperty("id", out var candidateId) && candidateId.GetString() == keyId);
        if (match.ValueKind != JsonValueKind.Object || !match.TryGetProperty("publicKeyPem", out var pem))
        {
            return null;
        }
        var shared = actor.TryGetProperty("endpoints", out var endpoints) && endpoints.ValueKind == JsonValueKind.Object
            && endpoints.TryGetProperty("sharedInbox", out var sharedInbox) && sharedInbox.GetString() is { Length: > 0 } sharedUrl
            ? sharedUrl
            : inbox.GetString()!;
        var name = NameProperties
            .Select(property => actor.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null)
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
        return new RemoteActor(id.GetString()!, inbox.GetString()!, shared, keyId, pem.GetString()!) { Name = name ?? id.GetString()! };
    }

    public void Dispose() => _actors.Dispose();
}
