using System.Text.Json;
using Serverless.Core.Parsing;

namespace Serverless.Core.Storage;

/// <summary>
/// A stage-2 message: render one <see cref="Slug"/>, or hand on a <see cref="Fanout"/> list of slugs (the overflow of
/// a publish that touched more articles than <see cref="RenderQueueClient.MaxDirectMessages"/>).
/// </summary>
public sealed record RenderMessage(string? Slug = null, IReadOnlyList<string>? Fanout = null)
{
    /// <exception cref="FormatException">The message is not one this backend sends.</exception>
    public static RenderMessage Parse(string body)
    {
        RenderMessage? message;
        try
        {
            message = Json.Read<RenderMessage>(body);
        }
        catch (JsonException exception)
        {
            throw new FormatException($"Not a render message: {exception.Message}", exception);
        }
        return message switch
        {
            { Slug: { } slug, Fanout: null } when Slugs.IsValid(slug) => message,
            { Slug: null, Fanout: { Count: > 0 } slugs } when slugs.All(Slugs.IsValid) => message,
            _ => throw new FormatException("Not a render message: it must name one valid slug, or a non-empty fanout list of valid slugs."),
        };
    }
}

/// <summary>The stage-2 queue: one message per slug whose outputs may have changed.</summary>
public sealed class RenderQueueClient(StorageClients storage)
{
    /// <summary>
    /// Render messages one change sends directly. The article itself, the few pages citing it and its closest related
    /// articles fit in this; a popular article cited by hundreds of pages would not, so the rest goes out in fan-out
    /// messages that stage 2 splits in turn: a publish costs a bounded amount of work, and every page still follows.
    /// </summary>
    public const int MaxDirectMessages = 20;

    /// <summary>Slugs per fan-out message: 200 slugs of at most 80 characters stay well under the 64 KiB message limit.</summary>
    public const int FanoutSize = 200;

    /// <summary>
    /// Sends render messages for <paramref name="slugs"/>, one each up to <see cref="MaxDirectMessages"/>, the rest in
    /// fan-out messages; and the <paramref name="later"/> slugs (not already in <paramref name="slugs"/>) in fan-out
    /// messages only: pages that follow in a second hop, such as related lists. Duplicates are dropped and order kept.
    /// Returns the number of messages sent.
    /// </summary>
    public async Task<int> EnqueueAsync(IEnumerable<string> slugs, CancellationToken cancellationToken, IEnumerable<string>? later = null)
    {
        var distinct = slugs.Distinct(StringComparer.Ordinal).ToList();
        var deferred = (later ?? []).Distinct(StringComparer.Ordinal).Except(distinct, StringComparer.Ordinal).ToList();
        if (distinct.Concat(deferred).FirstOrDefault(slug => !Slugs.IsValid(slug)) is { } invalid)
        {
            throw new ArgumentException($"'{invalid}' is not a slug: no render message is sent for it.", nameof(slugs));
        }
        if (distinct.Count + deferred.Count == 0)
        {
            return 0;
        }
        await storage.EnsureCreatedAsync(cancellationToken);
        var messages = distinct.Take(MaxDirectMessages).Select(slug => new RenderMessage(slug))
            .Concat(distinct.Skip(MaxDirectMessages).Concat(deferred).Chunk(FanoutSize).Select(chunk => new RenderMessage(Fanout: chunk)))
            .ToList();
        await Task.WhenAll(messages.Select(message => storage.RenderQueue.SendMessageAsync(Json.Write(message), cancellationToken)));
        return messages.Count;
    }
}
