using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Serverless.Core.Parsing;

/// <summary>
/// Every inline of a document in document order, each before its children, as Markdig's <c>Descendants</c> gives
/// them but in one recursive walk for all types, without an iterator and its stack per call.
/// </summary>
internal static class InlineWalk
{
    public static void Visit(Block block, Action<Inline> visit)
    {
        if (block is ContainerBlock container)
        {
            foreach (var child in container)
            {
                Visit(child, visit);
            }
        }
        else if (block is LeafBlock { Inline: { } inline })
        {
            Visit(inline, visit);
        }
    }

    private static void Visit(Inline inline, Action<Inline> visit)
    {
        visit(inline);
        if (inline is ContainerInline container)
        {
            for (var child = container.FirstChild; child is not null; child = child.NextSibling)
            {
                Visit(child, visit);
            }
        }
    }
}
