using System.Collections.Concurrent;

namespace Serverless.Core.Render;

/// <summary>
/// The pages this instance rendered lately, and when the inputs of each one's last render were read (or will be, for a
/// render let go: <see cref="RenderComing"/>): a render asked for
/// a change made before that would find the page rendered since and stop after one read (<see cref="OutputPublisher"/>), so
/// its message is not sent at all (<see cref="Storage.RenderQueueClient.EnqueueAsync"/>). In an import's release wave, where each
/// page's render asks for the renders of the pages it cites and may enter, most of those have rendered already.
/// </summary>
public sealed class RenderedPages
{
    /// <summary>Pages remembered; past this the memory starts again (messages are then sent, and stop after one read).</summary>
    public const int MaxRemembered = 100_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _inputsReadAt = new(StringComparer.Ordinal);

    /// <summary>Notes that the page of <paramref name="slug"/> was rendered and switched from inputs read at <paramref name="inputsReadAt"/>.</summary>
    public void Rendered(string slug, DateTimeOffset inputsReadAt)
    {
        if (_inputsReadAt.Count >= MaxRemembered)
        {
            _inputsReadAt.Clear();
        }
        _inputsReadAt.AddOrUpdate(slug, inputsReadAt, (_, known) => known > inputsReadAt ? known : inputsReadAt);
    }

    /// <summary>
    /// Notes that a render of the page reading its inputs after <paramref name="shownAt"/> is on its way (a held render
    /// let go, <see cref="Storage.RenderQueueClient.ReleaseHeldAsync"/>): in the release wave, the pages a render tells
    /// (those it cites) mostly have one still to come, which reads the change it tells them of.
    /// </summary>
    public void RenderComing(string slug, DateTimeOffset shownAt) => Rendered(slug, shownAt);

    /// <summary>Whether the page's last render here read its inputs after <paramref name="changedAt"/>, allowing for <see cref="OutputPublisher.ClockSkew"/> as the message's render would.</summary>
    public bool RenderedSince(string slug, DateTimeOffset changedAt) =>
        _inputsReadAt.TryGetValue(slug, out var read) && read > changedAt + OutputPublisher.ClockSkew;

    /// <summary>
    /// Whether a render of the page reading after <paramref name="changedAt"/> was made or let go here no earlier than
    /// <paramref name="notBefore"/>: one let go that never came (its instance stopped, its message poisoned) stops
    /// counting then.
    /// </summary>
    public bool RenderedSince(string slug, DateTimeOffset changedAt, DateTimeOffset notBefore) =>
        _inputsReadAt.TryGetValue(slug, out var read) && read > changedAt + OutputPublisher.ClockSkew && read >= notBefore;
}
