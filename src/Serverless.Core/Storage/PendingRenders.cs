using System.Collections.Concurrent;

namespace Serverless.Core.Storage;

/// <summary>
/// The delayed render messages this instance sent that are not visible yet, by slug, each with the best offer it
/// carries (a render that is not an offer renders whatever changed: it covers every request). A later delayed request
/// for the page that such a message covers is left out: that message's render reads its inputs after it becomes
/// visible, so after the request's change. In a burst, where every new article offers itself to the same related
/// pages, this saves a message, its delivery and the read that would find the page rendered since.
/// </summary>
/// <remarks>
/// An offer is covered by a pending offer scoring at least as much, whoever made it: when that one runs, either the
/// page's list is full of articles scoring more than it (so more than this one, which is declined alike), or the page
/// renders from its inputs, this article among them.
/// </remarks>
internal sealed class PendingRenders
{
    /// <summary>Kept clear of the moment a message becomes visible: one about to be received covers nothing.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(250);

    /// <summary>Slugs remembered before those whose message is visible are forgotten: bounds a long burst's memory.</summary>
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, PendingRender> _bySlug = new(StringComparer.Ordinal);

    /// <summary>Whether a message already on its way renders the page for a request made <paramref name="now"/> with this <paramref name="score"/> (∞ for a plain render).</summary>
    public bool Covers(string slug, double score, DateTimeOffset now) =>
        _bySlug.TryGetValue(slug, out var pending) && now < pending.VisibleAt - Margin && score <= pending.Score;

    /// <summary>Records a message sent for <paramref name="slug"/>, visible from <paramref name="visibleAt"/> on.</summary>
    public void Sent(string slug, double score, DateTimeOffset visibleAt, DateTimeOffset now)
    {
        if (_bySlug.Count > MaxRemembered)
        {
            foreach (var visible in _bySlug.Where(entry => entry.Value.VisibleAt <= now))
            {
                _bySlug.TryRemove(visible);
            }
        }
        var sent = new PendingRender(visibleAt, score);
        _bySlug.AddOrUpdate(slug, sent, (_, old) => old.VisibleAt - Margin <= now || score >= old.Score ? sent : old);
    }

    private sealed record PendingRender(DateTimeOffset VisibleAt, double Score);
}
