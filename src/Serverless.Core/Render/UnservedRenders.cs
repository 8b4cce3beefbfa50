
namespace Serverless.Core.Render;

/// <summary>
/// What taking an article down asks stage 2 to render: its own slug (its outputs come down), the pages citing it, and
/// in a second hop the articles it was related to; the articles either side of it in its first tag; and whether its
/// counts wait for the document-frequency merger.
/// </summary>
internal sealed record UnservedRenders(IReadOnlyList<string> Pages, CitingRenders Citing, IReadOnlyList<string> Related, IReadOnlyList<string> Neighbours, bool CountsPending = false)
{
    public static UnservedRenders None { get; } = new([], CitingRenders.None, [], []);
}
