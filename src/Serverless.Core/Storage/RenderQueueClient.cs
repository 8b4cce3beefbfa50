using System.Text.Json;
using Serverless.Core.Parsing;

namespace Serverless.Core.Storage;

/// <summary>
/// A stage-2 message: render one <see cref="Slug"/>, or hand on a <see cref="Fanout"/> list of slugs (the overflow of
/// a publish that touched more articles than <see cref="RenderQueueClient.MaxDirectMessages"/>).
/// <see cref="EnqueuedAt"/> (the sender's clock) lets a render skip a page already rendered from inputs read after the
/// change that sent it; messages sent before it existed have none and always render. An <see cref="Offer"/> says the
/// page is asked for only because another article may now enter its related list. A <see cref="Citing"/> message asks
/// for a further page of the pages citing an article (<see cref="CitingPages"/>); a <see cref="Reweigh"/> message, for a
/// page of articles whose keywords are due to be weighed again (<see cref="KeywordReweighing"/>).
/// </summary>
public sealed record RenderMessage(string? Slug = null, IReadOnlyList<string>? Fanout = null, DateTimeOffset? EnqueuedAt = null, RelatedOffer? Offer = null,
    CitingPages? Citing = null, KeywordReweighing? Reweigh = null)
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
            { Slug: { } slug, Fanout: null, Citing: null, Reweigh: null } when Slugs.IsValid(slug) && message.Offer?.IsValidFor(1) != false => message,
            { Slug: null, Fanout: { Count: > 0 } slugs, Citing: null, Reweigh: null } when slugs.All(Slugs.IsValid) && message.Offer?.IsValidFor(slugs.Count) != false => message,
            { Slug: null, Fanout: null, Offer: null, Citing: { IsValid: true }, Reweigh: null } => message,
            { Slug: null, Fanout: null, Offer: null, Citing: null, Reweigh: { IsValid: true } } => message,
            _ => throw new FormatException("Not a render message: it must name one valid slug, a non-empty fanout list of valid slugs (with one offer score each, if any), a page of citing pages or of keywords to weigh again."),
        };
    }
}

/// <summary>
/// The article <see cref="By"/> was published or changed and now scores <see cref="Scores"/> (one per page the message
/// names) with those pages: it may enter their related lists. A page whose list is full of articles scoring more
/// cannot change, so its render stops after one read (<c>OutputPublisher</c>); in a burst of new articles this is most
/// related renders.
/// </summary>
public sealed record RelatedOffer(string By, IReadOnlyList<double> Scores)
{
    internal bool IsValidFor(int pages) => Slugs.IsValid(By) && Scores is { } scores && scores.Count == pages && scores.All(score => double.IsFinite(score) && score >= 0);
}

/// <summary>The stage-2 queue: one message per slug whose outputs may have changed.</summary>
public sealed class RenderQueueClient(StorageClients storage, TimeProvider time)
{
    /// <summary>
    /// How long a render of a page that follows another article (a related or citing page reached through a fan-out)
    /// stays invisible after it is sent. In a burst of uploads the same page is asked for by many of them; the delay
    /// lets one render read all their changes, and the others then find the page rendered after they were sent and
    /// stop after one read (<see cref="RenderMessage.EnqueuedAt"/>). The article's own page is never delayed.
    /// </summary>
    public static readonly TimeSpan CoalescingDelay = TimeSpan.FromSeconds(2);

    /// <summary>Raised once messages are sent, so that a worker in the same process (the local server's) receives them at once instead of at its next poll.</summary>
    public event EventHandler? Sent;

    private readonly PendingRenders _pending = new();

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
    /// <paramref name="delayed"/> sends the render messages with <see cref="CoalescingDelay"/> (a fan-out's pages).
    /// <paramref name="offers"/> (pages the article <paramref name="offeredBy"/> may enter, with its score; those not
    /// already in the other two lists) go in fan-out messages carrying a <see cref="RelatedOffer"/>, or, when
    /// <paramref name="delayed"/>, in render messages carrying each its score.
    /// <paramref name="citing"/> asks for further pages of citing pages, one message each.
    /// Returns the number of messages sent.
    /// </summary>
    public async Task<int> EnqueueAsync(IEnumerable<string> slugs, CancellationToken cancellationToken, IEnumerable<string>? later = null, bool delayed = false,
        string? offeredBy = null, IEnumerable<(string Slug, double Score)>? offers = null, IEnumerable<CitingPages>? citing = null)
    {
        var citingPages = (citing ?? []).Distinct().ToList();
        var distinct = slugs.Distinct(StringComparer.Ordinal).ToList();
        var deferred = (later ?? []).Distinct(StringComparer.Ordinal).Except(distinct, StringComparer.Ordinal).ToList();
        var named = distinct.Concat(deferred).ToHashSet(StringComparer.Ordinal);
        var offered = (offers ?? []).Where(offer => named.Add(offer.Slug)).ToList();
        // Stamped after the caller's writes, which are all done by now: a render reading after this sees them.
        var now = time.GetUtcNow();
        if (delayed)
        {
            // A delayed render of this instance on its way serves these too: it reads its inputs after now.
            distinct.RemoveAll(slug => _pending.Covers(slug, double.PositiveInfinity, now));
            offered.RemoveAll(offer => _pending.Covers(offer.Slug, offer.Score, now));
        }
        if (distinct.Concat(deferred).Concat(offered.Select(offer => offer.Slug)).FirstOrDefault(slug => !Slugs.IsValid(slug)) is { } invalid)
        {
            throw new ArgumentException($"'{invalid}' is not a slug: no render message is sent for it.", nameof(slugs));
        }
        if (offered.Count > 0 && (offeredBy is null || !Slugs.IsValid(offeredBy)))
        {
            throw new ArgumentException("Offers name the article that may enter the pages' related lists.", nameof(offeredBy));
        }
        if (citingPages.FirstOrDefault(request => !request.IsValid) is { } invalidRequest)
        {
            throw new ArgumentException($"'{invalidRequest}' is not a valid request for citing pages.", nameof(citing));
        }
        if (distinct.Count + deferred.Count + offered.Count + citingPages.Count == 0)
        {
            return 0;
        }
        await storage.EnsureCreatedAsync(cancellationToken);
        var messages = distinct.Take(MaxDirectMessages).Select(slug => new RenderMessage(slug, EnqueuedAt: now))
            .Concat(distinct.Skip(MaxDirectMessages).Concat(deferred).Chunk(FanoutSize).Select(chunk => new RenderMessage(Fanout: chunk)))
            .Concat(delayed
                ? offered.Take(MaxDirectMessages).Select(offer => new RenderMessage(offer.Slug, EnqueuedAt: now, Offer: new RelatedOffer(offeredBy!, [offer.Score])))
                    .Concat(offered.Skip(MaxDirectMessages).Chunk(FanoutSize).Select(chunk => OfferFanout(offeredBy!, chunk)))
                : offered.Chunk(FanoutSize).Select(chunk => OfferFanout(offeredBy!, chunk)))
            .Concat(citingPages.Select(request => new RenderMessage(Citing: request)))
            .ToList();
        await Task.WhenAll(messages.Select(async message =>
        {
            var isDelayed = delayed && message.Slug is not null;
            await storage.RenderQueue.SendMessageAsync(Json.Write(message), visibilityTimeout: isDelayed ? CoalescingDelay : null, cancellationToken: cancellationToken);
            if (isDelayed)
            {
                // Visible no sooner than this: the delay runs from the send, which comes after now.
                _pending.Sent(message.Slug!, message.Offer?.Scores[0] ?? double.PositiveInfinity, now + CoalescingDelay, now);
            }
        }));
        Sent?.Invoke(this, EventArgs.Empty);
        return messages.Count;
    }

    /// <summary>Asks for a page of articles whose keywords are due to be weighed again (<see cref="KeywordReweighing"/>).</summary>
    public async Task RequestReweighingAsync(KeywordReweighing request, CancellationToken cancellationToken)
    {
        if (!request.IsValid)
        {
            throw new ArgumentException($"'{request}' is not a valid request for keyword re-weighing.", nameof(request));
        }
        await storage.EnsureCreatedAsync(cancellationToken);
        await storage.RenderQueue.SendMessageAsync(Json.Write(new RenderMessage(Reweigh: request)), cancellationToken);
        Sent?.Invoke(this, EventArgs.Empty);
    }

    private static RenderMessage OfferFanout(string offeredBy, (string Slug, double Score)[] offers) =>
        new(Fanout: [.. offers.Select(offer => offer.Slug)], Offer: new RelatedOffer(offeredBy, [.. offers.Select(offer => offer.Score)]));
}
