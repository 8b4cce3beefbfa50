using System.Collections.Concurrent;

namespace Serverless.Core.Storage;

/// <summary>
/// The delayed render messages this instance sent that are not visible yet, by slug: the message (to change it), when
/// it shows, the best offer it carries (a render that is not an offer renders whatever changed: it covers every
/// request), and since when the page has been waiting. A later delayed request for the page is served by that message:
/// left out when the message covers it, folded into it otherwise, and, while requests keep coming, the message is put
/// back by a growing delay (a debounce keyed by slug), so that a page a burst keeps asking for renders once the burst
/// has moved on, up to a longest wait. In a burst, where every new article offers itself to the same related pages,
/// this saves the renders in between, and a message, its delivery and a read for each request.
/// </summary>
/// <remarks>
/// A delayed message says it is served by a render reading its inputs after it shows (<see cref="RenderMessage.EnqueuedAt"/>
/// is stamped with that instant, not with the send's), so every request it served, made before, is seen by that render.
/// An offer is covered by a pending offer scoring at least as much, whoever made it: when that one runs, either the
/// page's list is full of articles scoring more than it (so more than this one, which is declined alike), or the page
/// renders from its inputs, this article among them.
/// </remarks>
internal sealed class PendingRenders
{
    /// <summary>Kept clear of the moment a message becomes visible: one about to be received is neither counted on nor changed.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(250);

    /// <summary>Slugs remembered before those whose message is visible are forgotten: bounds a long burst's memory.</summary>
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, SlugState> _bySlug = new(StringComparer.Ordinal);

    /// <summary>The state of one slug; its gate is held while its message is sent or changed.</summary>
    public SlugState For(string slug, DateTimeOffset now)
    {
        if (_bySlug.Count > MaxRemembered)
        {
            foreach (var shown in _bySlug.Where(entry => entry.Value.Message is not { } message || message.VisibleAt <= now))
            {
                _bySlug.TryRemove(shown);
            }
        }
        return _bySlug.GetOrAdd(slug, _ => new SlugState());
    }

    /// <summary>Whether any slug's message is held for an import (it may have shown since).</summary>
    public bool AnyHeld => _bySlug.Values.Any(state => state.Message is { Held: true });

    /// <summary>The slugs whose message is held for an import and still on its way at <paramref name="now"/>.</summary>
    public IEnumerable<SlugEntry> Held(DateTimeOffset now) =>
        _bySlug.Where(entry => entry.Value.OnItsWay(now) is { Held: true }).Select(entry => new SlugEntry(entry.Key, entry.Value)).ToList();

    /// <summary>The slugs whose message is still on its way at <paramref name="now"/>.</summary>
    public IEnumerable<SlugEntry> OnItsWay(DateTimeOffset now) =>
        _bySlug.Where(entry => entry.Value.OnItsWay(now) is not null).Select(entry => new SlugEntry(entry.Key, entry.Value)).ToList();

    /// <summary>A slug and its state.</summary>
    internal sealed record SlugEntry(string Slug, SlugState State);

    internal sealed class SlugState
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>The message on its way, if any (it may have shown since).</summary>
        public PendingRender? Message { get; set; }

        /// <summary>The message still on its way at <paramref name="now"/>, far enough from showing to be counted on.</summary>
        public PendingRender? OnItsWay(DateTimeOffset now) => Message is { } message && now < message.VisibleAt - Margin ? message : null;
    }
}
