using System.Buffers;
using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Serverless.Core.Parsing;

/// <summary>
/// Plain text of Markdown inlines: no syntax, entities decoded exactly once (Markdig already transcodes them while parsing),
/// whitespace collapsed. Used for titles, descriptions, related-link titles and word counts.
/// </summary>
public static class PlainText
{
    public static string Of(Inline? inline)
    {
        if (inline is null)
        {
            return string.Empty;
        }
        var text = new CollapsedText();
        Append(text, inline);
        return text.ToString();
    }

    /// <summary>Plain text of <paramref name="inline"/> when it is at most <paramref name="maxLength"/> long, else null, found without taking all of a long text.</summary>
    public static string? OfAtMost(Inline inline, int maxLength)
    {
        var text = new CollapsedText(limit: maxLength);
        Append(text, inline);
        return text.IsOverLimit ? null : text.ToString();
    }

    /// <summary>Plain text of a run of sibling inlines (one line of a paragraph), spaces between them kept.</summary>
    public static string OfRun(IEnumerable<Inline> inlines)
    {
        var text = new CollapsedText();
        foreach (var inline in inlines)
        {
            Append(text, inline);
        }
        return text.ToString();
    }

    public static string Of(Block block)
    {
        var text = new CollapsedText();
        AppendBlock(text, block);
        return text.ToString();
    }

    /// <summary>
    /// Trims, turns every run of white space (including line breaks) into one space, and drops other control characters
    /// (a YAML escape such as "\a" makes one): no XML document, such as a feed, may hold them.
    /// </summary>
    public static string Collapse(string text)
    {
        var collapsed = new CollapsedText(text.Length);
        collapsed.Append(text);
        return collapsed.ToString();
    }

    /// <summary>
    /// Text collapsed as <see cref="Collapse"/> does while it is appended, so that the plain text of a whole article is
    /// built once rather than built and then copied collapsed.
    /// </summary>
    /// <param name="limit">A length past which appending stops: collapsed text never shrinks, so the whole would be longer.</param>
    private sealed class CollapsedText(int capacity = 16, int limit = int.MaxValue)
    {
        /// <summary>White space other than the no-break spaces (which are kept), and control characters: all the characters not copied as they are.</summary>
        private static readonly SearchValues<char> NotKept = SearchValues.Create(
            [.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => IsCollapsedSpace(c) || char.IsControl(c))]);

        private readonly StringBuilder _builder = new(capacity);

        private bool _pendingSpace;

        public void Append(ReadOnlySpan<char> text)
        {
            while (!text.IsEmpty)
            {
                var next = text.IndexOfAny(NotKept);
                var run = next < 0 ? text : text[..next];
                if (!run.IsEmpty)
                {
                    if (_pendingSpace)
                    {
                        _builder.Append(' ');
                        _pendingSpace = false;
                    }
                    _builder.Append(run);
                }
                if (next < 0)
                {
                    return;
                }
                if (IsCollapsedSpace(text[next]))
                {
                    _pendingSpace = _builder.Length > 0;
                }
                text = text[(next + 1)..];
            }
        }

        public bool IsOverLimit => _builder.Length > limit;

        public override string ToString() => _builder.ToString();

        private static bool IsCollapsedSpace(char c) => char.IsWhiteSpace(c) && c != '\u00A0' && c != '\u202F';
    }

    private static void AppendBlock(CollapsedText text, Block block)
    {
        switch (block)
        {
            case LeafBlock { Inline: { } inline }:
                Append(text, inline);
                text.Append(" ");
                break;
            case LeafBlock leaf when leaf.Lines.Count > 0:
                // The lines as StringLineGroup.ToString() joins them, with line breaks.
                for (var index = 0; index < leaf.Lines.Count; index++)
                {
                    if (index > 0)
                    {
                        text.Append("\n");
                    }
                    text.Append(leaf.Lines.Lines[index].Slice.AsSpan());
                }
                text.Append(" ");
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    AppendBlock(text, child);
                }
                break;
        }
    }

    private static void Append(CollapsedText text, Inline inline)
    {
        if (text.IsOverLimit)
        {
            return;
        }
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.AsSpan());
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.AsSpan());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case LineBreakInline:
                text.Append(" ");
                break;
            case HtmlInline html:
                text.Append(html.Tag);
                break;
            case ContainerInline container:
                for (var child = container.FirstChild; child is not null; child = child.NextSibling)
                {
                    Append(text, child);
                }
                break;
        }
    }
}
