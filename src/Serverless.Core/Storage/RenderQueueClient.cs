using System.Text.Json;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Core.Configuration;
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

/// <summary>
/// The stage-2 queue: one message per slug whose outputs may have changed. While this instance ingests an archive
/// import (<see cref="ImportActivity"/>), the delayed renders it sends are held, to be let go together once the import
/// is over (<see cref="ReleaseHeldAsync"/>, by <c>Render.ImportSettlement</c>), each page rendering once from the grown corpus.
/// </summary>
public sealed partial class RenderQueueClient(StorageClients storage, IOptions<PublishingOptions> options, ImportActivity imports, Render.RenderedPages rendered,
    TimeProvider time, ILogger<RenderQueueClient> logger)
{
    /// <summary>
    /// How long a render of a page that follows another article (a related or citing page reached through a fan-out)
    /// stays invisible after it is sent (<see cref="PublishingOptions.RenderDelaySeconds"/>). In a burst of uploads the
    /// same page is asked for by many of them; the delay lets one render read all their changes, and the others then
    /// find the page rendered after they were sent and stop after one read (<see cref="RenderMessage.EnqueuedAt"/>).
    /// </summary>
    public TimeSpan CoalescingDelay { get; } = TimeSpan.FromSeconds(options.Value.RenderDelaySeconds);

    /// <summary>
    /// The longest a delayed render waits from the first request for its page (<see cref="PublishingOptions.RenderDelayMaxSeconds"/>):
    /// a page asked for again as its render comes due is put back, until this.
    /// </summary>
    public TimeSpan MaxDelay { get; } = TimeSpan.FromSeconds(Math.Max(options.Value.RenderDelaySeconds, options.Value.RenderDelayMaxSeconds));

    /// <summary>
    /// How far a page asked for again as its render comes due is put back at most: the delay doubles from
    /// <see cref="CoalescingDelay"/> up to four times it. A burst's pages then render within this of its last request,
    /// while each is put back by one request per few seconds at most.
    /// </summary>
    private TimeSpan MaxQuietDelay => options.Value.SettleDelay;

    /// <summary>
    /// How long the corpus must not grow before keywords are weighed again (<see cref="KeywordReweighing.FromOldestOnceSettled"/>):
    /// as long as a page a burst keeps asking for waits. Zero when renders are not delayed.
    /// </summary>
    public TimeSpan SettleDelay => MaxQuietDelay;

    /// <summary>Whether this instance holds renders for an import (<see cref="ReleaseHeldAsync"/> lets them go).</summary>
    public bool HoldsRenders => _pending.AnyHeld;

    /// <summary>How many renders this instance holds for an import, still on their way.</summary>
    public int HeldRenders => _pending.Held(time.GetUtcNow()).Count();

    /// <summary>
    /// Raised once messages visible at once are sent, so that a worker in the same process (the local server's) receives
    /// them at once instead of at its next poll. Not for delayed or held ones: a receive then finds nothing (measured at
    /// 1,000 imported articles, a receive per article), and the worker's poll finds them once they show.
    /// </summary>
    public event EventHandler? Sent;

    private readonly PendingRenders _pending = new();

    /// <summary>1 once this instance has seen an import and holds its renders, until they are let go.</summary>
    private int _holding;

    /// <summary>Held renders let go (or renders held) at once, each one request.</summary>
    private const int ReleaseConcurrency = 16;

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
    /// <paramref name="changedAt"/>, when given, is when every change the <paramref name="slugs"/> are rendered for, or
    /// the <paramref name="offers"/> are made for, was made (by storage's clock), earlier than now: a render of the page
    /// that read its inputs after it needs no other.
    /// Returns the number of messages sent.
    /// </summary>
    public async Task<int> EnqueueAsync(IEnumerable<string> slugs, CancellationToken cancellationToken, IEnumerable<string>? later = null, bool delayed = false,
        string? offeredBy = null, IEnumerable<(string Slug, double Score)>? offers = null, IEnumerable<CitingPages>? citing = null, DateTimeOffset? changedAt = null)
    {
        var citingPages = (citing ?? []).Distinct().ToList();
        // A page this instance rendered from inputs read after the change needs no render for it: its message would stop after one read.
        var needed = changedAt is { } change ? (Func<string, bool>)(slug => !rendered.RenderedSince(slug, change)) : _ => true;
        var distinct = slugs.Distinct(StringComparer.Ordinal).Where(needed).ToList();
        var deferred = (later ?? []).Distinct(StringComparer.Ordinal).Except(distinct, StringComparer.Ordinal).Where(needed).ToList();
        var named = distinct.Concat(deferred).ToHashSet(StringComparer.Ordinal);
        var offered = (offers ?? []).Where(offer => needed(offer.Slug) && named.Add(offer.Slug)).ToList();
        // Stamped after the caller's writes, which are all done by now: a render reading after this sees them.
        var now = time.GetUtcNow();
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
        var messages = distinct.Take(MaxDirectMessages).Select(slug => new RenderMessage(slug, EnqueuedAt: Min(changedAt ?? now, now)))
            .Concat(distinct.Skip(MaxDirectMessages).Concat(deferred).Chunk(FanoutSize).Select(chunk => new RenderMessage(Fanout: chunk)))
            .Concat(delayed
                ? offered.Take(MaxDirectMessages).Select(offer => new RenderMessage(offer.Slug, EnqueuedAt: Min(changedAt ?? now, now), Offer: new RelatedOffer(offeredBy!, [offer.Score])))
                    .Concat(offered.Skip(MaxDirectMessages).Chunk(FanoutSize).Select(chunk => OfferFanout(offeredBy!, chunk, changedAt)))
                : offered.Chunk(FanoutSize).Select(chunk => OfferFanout(offeredBy!, chunk, changedAt)))
            .Concat(citingPages.Select(request => new RenderMessage(Citing: request)))
            .ToList();
        var visible = 0;
        var sent = await Task.WhenAll(messages.Select(async message =>
        {
            if (delayed && message.Slug is not null && CoalescingDelay > TimeSpan.Zero)
            {
                return await SendDelayedAsync(message, now, changedAt, cancellationToken);
            }
            await storage.RenderQueue.SendMessageAsync(Json.Write(message), cancellationToken: cancellationToken);
            Interlocked.Increment(ref visible);
            return 1;
        }));
        if (visible > 0)
        {
            Sent?.Invoke(this, EventArgs.Empty);
        }
        return sent.Sum();
    }

    /// <summary>
    /// Sends a delayed render of one page, or lets the one on its way serve it (<see cref="PendingRenders"/>): left out
    /// when that one covers it; otherwise, or when the page is asked for again as that one comes due, that one is
    /// changed (the better offer, a later showing) by one request. The page waits for a quiet moment, but never longer
    /// than <see cref="MaxDelay"/> from its first request. While an import or its settlement is under way (<see cref="ImportActivity.HoldsRenders"/>), the page is held instead: its
    /// message waits for <see cref="MaxDelay"/>, serves every later request, and is let go once the import is quiet
    /// (<see cref="ReleaseHeldAsync"/>). Returns the messages sent: 0 or 1.
    /// </summary>
    private async Task<int> SendDelayedAsync(RenderMessage request, DateTimeOffset now, DateTimeOffset? changedAt, CancellationToken cancellationToken)
    {
        changedAt = changedAt is { } given ? Min(given, now) : null;
        var slug = request.Slug!;
        var score = request.Offer?.Scores[0] ?? double.PositiveInfinity;
        var importing = imports.HoldsRenders;
        if (importing && Interlocked.Exchange(ref _holding, 1) == 0)
        {
            await HoldOnItsWayAsync(now, cancellationToken);
        }
        var state = _pending.For(slug, now);
        await state.Gate.WaitAsync(cancellationToken);
        try
        {
            if (state.OnItsWay(now) is { } pending)
            {
                var latest = pending.WaitingSince + MaxDelay;
                var hold = importing && !pending.Held;
                var askedAgainAsItComesDue = !pending.Held && pending.VisibleAt - now < pending.Delay / 2 && pending.VisibleAt < latest;
                // A page's message stamped with an earlier change serves a request for a later one only once restamped.
                var covered = pending.ChangedAt is not { } stamped || changedAt is { } change && change <= stamped;
                if (score <= pending.Score && !askedAgainAsItComesDue && !hold && covered)
                {
                    state.Message = pending with { LastAskedAt = Max(pending.LastAskedAt, now) };
                    return 0;
                }
                DateTimeOffset? changedUpTo = pending.ChangedAt is { } before && changedAt is { } after ? Max(before, after) : null;
                var delay = askedAgainAsItComesDue ? Min(pending.Delay * 2, MaxQuietDelay) : pending.Delay;
                var visibleAt = hold ? latest : askedAgainAsItComesDue ? Min(now + delay, latest) : pending.VisibleAt;
                var (best, by) = score > pending.Score ? (score, request.Offer?.By) : (pending.Score, pending.OfferedBy);
                try
                {
                    var updated = await storage.RenderQueue.UpdateMessageAsync(pending.MessageId, pending.PopReceipt, Json.Write(Stamped(slug, best, by, visibleAt, changedUpTo)),
                        visibleAt - now, cancellationToken);
                    state.Message = pending with
                    {
                        PopReceipt = updated.Value.PopReceipt, VisibleAt = visibleAt, Score = best, OfferedBy = by, Delay = delay, Held = pending.Held || hold, ChangedAt = changedUpTo,
                        LastAskedAt = Max(pending.LastAskedAt, now),
                    };
                    return 0;
                }
                catch (RequestFailedException exception) when (exception.Status is 400 or 404)
                {
                    // Received in the meantime (its receipt changed) or done: a message of its own follows the request.
                }
            }
            var wait = importing ? MaxDelay : CoalescingDelay;
            var shows = now + wait;
            var receipt = await storage.RenderQueue.SendMessageAsync(Json.Write(Stamped(slug, score, request.Offer?.By, shows, changedAt)), visibilityTimeout: wait,
                cancellationToken: cancellationToken);
            state.Message = new PendingRender(receipt.Value.MessageId, receipt.Value.PopReceipt, shows, score, request.Offer?.By, now, CoalescingDelay, now, Held: importing, changedAt);
            return 1;
        }
        finally
        {
            state.Gate.Release();
        }
    }

    /// <summary>
    /// Sends the render of a page its sender is about to render itself (news, by its ingest: <c>Render.NewsRenders</c>),
    /// invisible for <paramref name="fallbackAfter"/>: should the sender stop before it renders, the message does; once
    /// it has, the sender takes the message back (<see cref="WithdrawAsync"/>) or shows it at once should its render fail.
    /// </summary>
    public async Task<QueuedRender> SendFallbackAsync(string slug, TimeSpan fallbackAfter, CancellationToken cancellationToken)
    {
        if (!Slugs.IsValid(slug))
        {
            throw new ArgumentException($"'{slug}' is not a slug: no render message is sent for it.", nameof(slug));
        }
        await storage.EnsureCreatedAsync(cancellationToken);
        var receipt = await storage.RenderQueue.SendMessageAsync(Json.Write(new RenderMessage(slug, EnqueuedAt: time.GetUtcNow())), visibilityTimeout: fallbackAfter,
            cancellationToken: cancellationToken);
        return new QueuedRender(receipt.Value.MessageId, receipt.Value.PopReceipt);
    }

    /// <summary>Takes back a fallback render (<see cref="SendFallbackAsync"/>) its sender has done; one received meanwhile is left to its render.</summary>
    public async Task WithdrawAsync(QueuedRender message, CancellationToken cancellationToken)
    {
        try
        {
            await storage.RenderQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 400 or 404)
        {
            // Received in the meantime (its receipt changed): it renders, or finds the page rendered since.
        }
    }

    /// <summary>Shows a fallback render (<see cref="SendFallbackAsync"/>) at once: its sender's own render failed.</summary>
    public async Task ShowNowAsync(QueuedRender message, CancellationToken cancellationToken)
    {
        try
        {
            await storage.RenderQueue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: cancellationToken);
            Sent?.Invoke(this, EventArgs.Empty);
        }
        catch (RequestFailedException exception) when (exception.Status is 400 or 404)
        {
            // Received in the meantime: it renders.
        }
    }

    /// <summary>
    /// Holds the delayed renders sent before the import was seen (its first few articles): one request each.
    /// </summary>
    private Task<int> HoldOnItsWayAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ChangeOnItsWayAsync(_pending.OnItsWay(now), now, pending => pending.Held ? null : new PendingRenderChange(pending.WaitingSince + MaxDelay, pending.ChangedAt),
            cancellationToken);

    /// <summary>
    /// Keeps this instance's held renders held while its import runs and its settlement weighs, however long that takes:
    /// each within <see cref="KeepHeldAhead"/> of showing is put back by as long as it has been held (at least
    /// <see cref="MaxDelay"/>), one request each, restamped for the later showing: six requests for a render held an
    /// hour. Should the instance stop, nothing puts them back: each shows by itself within about half again
    /// the time it had been held. Returns how many were put back; none once the renders are let go.
    /// </summary>
    public async Task<int> KeepHeldAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _holding) == 0)
        {
            return 0;
        }
        var now = time.GetUtcNow();
        var kept = await ChangeOnItsWayAsync(_pending.Held(now), now, held =>
        {
            if (Volatile.Read(ref _holding) == 0 || !held.Held || held.VisibleAt - now >= KeepHeldAhead)
            {
                return null;
            }
            var heldFor = now - held.WaitingSince;
            return new PendingRenderChange(now + Min(heldFor > MaxDelay ? heldFor : MaxDelay, MaxHoldStep), held.ChangedAt);
        }, cancellationToken);
        if (kept > 0)
        {
            LogKeptHeld(kept);
        }
        return kept;
    }

    /// <summary>
    /// How close to showing a held render is put back: half the longest delay, and at least two of the settlement's
    /// looks at them (one per <see cref="SettleDelay"/>), so that a late look still finds it on its way.
    /// </summary>
    private TimeSpan KeepHeldAhead => MaxDelay / 2 > SettleDelay * 2 ? MaxDelay / 2 : SettleDelay * 2;

    /// <summary>The furthest a held render is put back at once: an instance that stops leaves an import's pages unrendered no longer than this.</summary>
    public static readonly TimeSpan MaxHoldStep = TimeSpan.FromHours(1);

    /// <summary>
    /// Lets go every render this instance holds: each message made visible now, one request each. Each is stamped with
    /// <paramref name="changesUpTo"/> (by default now), or with when it was last asked for if later: every request it
    /// served was made before, and so was every other change its render must see (the settlement's re-weighing).
    /// Returns how many. A message received meanwhile is left to its render.
    /// </summary>
    public async Task<int> ReleaseHeldAsync(CancellationToken cancellationToken, DateTimeOffset? changesUpTo = null)
    {
        Interlocked.Exchange(ref _holding, 0);
        var now = time.GetUtcNow();
        var upTo = Min(changesUpTo ?? now, now);
        var released = await ChangeOnItsWayAsync(_pending.Held(now), now,
            held => held.Held ? new PendingRenderChange(now + PendingRenders.Margin, Max(held.ChangedAt ?? held.LastAskedAt, upTo), AtOnce: true) : null, cancellationToken);
        if (released > 0)
        {
            LogReleased(released);
            Sent?.Invoke(this, EventArgs.Empty);
        }
        return released;
    }

    /// <summary>
    /// Changes the delayed renders on their way that <paramref name="change"/> picks (those held, those not yet held),
    /// one request each under the slug's gate, at most <see cref="ReleaseConcurrency"/> at once: each restamped for its
    /// new showing and held, or shown at once and forgotten. Returns how many changed; one received meanwhile is left to
    /// its render.
    /// </summary>
    private async Task<int> ChangeOnItsWayAsync(IEnumerable<PendingRenders.SlugEntry> entries, DateTimeOffset now, Func<PendingRender, PendingRenderChange?> change,
        CancellationToken cancellationToken)
    {
        var changed = 0;
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = ReleaseConcurrency, CancellationToken = cancellationToken },
            async (entry, token) =>
            {
                await entry.State.Gate.WaitAsync(token);
                try
                {
                    if (entry.State.OnItsWay(now) is not { } pending || change(pending) is not { } to)
                    {
                        return;
                    }
                    var updated = await storage.RenderQueue.UpdateMessageAsync(pending.MessageId, pending.PopReceipt,
                        Json.Write(Stamped(entry.Slug, pending.Score, pending.OfferedBy, to.ShowsAt, to.ChangedAt)), to.AtOnce ? TimeSpan.Zero : to.ShowsAt - now, token);
                    entry.State.Message = to.AtOnce ? null : pending with { PopReceipt = updated.Value.PopReceipt, VisibleAt = to.ShowsAt, Held = true };
                    if (to.AtOnce)
                    {
                        // Shown now: its render reads after now, so a render asked for a change made before needs no message.
                        rendered.RenderComing(entry.Slug, now);
                    }
                    Interlocked.Increment(ref changed);
                }
                catch (RequestFailedException exception) when (exception.Status is 400 or 404)
                {
                    // Received in the meantime (it renders now) or done.
                }
                finally
                {
                    entry.State.Gate.Release();
                }
            });
        return changed;
    }

    /// <summary>
    /// A delayed render says it needs a render reading its inputs after it shows (less the margin within which it is no
    /// longer changed): every request it serves was made before that; or after <paramref name="changedAt"/>, when every
    /// request it serves said when its change was made.
    /// </summary>
    private static RenderMessage Stamped(string slug, double score, string? offeredBy, DateTimeOffset visibleAt, DateTimeOffset? changedAt) =>
        new(slug, EnqueuedAt: changedAt ?? visibleAt - PendingRenders.Margin, Offer: double.IsPositiveInfinity(score) ? null : new RelatedOffer(offeredBy!, [score]));

    private static TimeSpan Min(TimeSpan first, TimeSpan second) => first < second ? first : second;

    private static DateTimeOffset Min(DateTimeOffset first, DateTimeOffset second) => first < second ? first : second;

    private static DateTimeOffset Max(DateTimeOffset first, DateTimeOffset second) => first > second ? first : second;

    /// <summary>
    /// Asks for a page of articles whose keywords are due to be weighed again (<see cref="KeywordReweighing"/>); one
    /// that waits for the corpus to settle shows after <see cref="SettleDelay"/>.
    /// </summary>
    public async Task RequestReweighingAsync(KeywordReweighing request, CancellationToken cancellationToken)
    {
        if (!request.IsValid)
        {
            throw new ArgumentException($"'{request}' is not a valid request for keyword re-weighing.", nameof(request));
        }
        await storage.EnsureCreatedAsync(cancellationToken);
        await storage.RenderQueue.SendMessageAsync(Json.Write(new RenderMessage(Reweigh: request)),
            visibilityTimeout: request.CorpusWhenAsked is null ? null : SettleDelay, cancellationToken: cancellationToken);
        if (request.CorpusWhenAsked is null)
        {
            Sent?.Invoke(this, EventArgs.Empty);
        }
    }

    /// <summary>Offers to split into delayed renders, stamped with when the offering article changed, if known.</summary>
    private static RenderMessage OfferFanout(string offeredBy, (string Slug, double Score)[] offers, DateTimeOffset? changedAt) =>
        new(Fanout: [.. offers.Select(offer => offer.Slug)], EnqueuedAt: changedAt, Offer: new RelatedOffer(offeredBy, [.. offers.Select(offer => offer.Score)]));

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} held renders put back: the import or its settlement goes on")]
    private partial void LogKeptHeld(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} held renders let go")]
    private partial void LogReleased(int count);
}
