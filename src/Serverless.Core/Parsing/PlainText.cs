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
        if (text.IsOverLimit)
        {
            text.Discard();
            return null;
        }
        return text.ToString();
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
    /// built once rather than built and then copied collapsed. The characters are written into a pooled buffer, given
    /// back when the text is taken.
    /// </summary>
    /// <param name="limit">A length past which appending stops: collapsed text never shrinks, so the whole would be longer.</param>
    private sealed class CollapsedText(int capacity = 256, int limit = int.MaxValue)
    {
        /// <summary>For each character up to U+00FF, whether it is copied as it is; from U+0100 on, only white space is not (there are no control characters there).</summary>
        private static readonly bool[] Latin1Kept = [.. Enumerable.Range(0, 0x100).Select(c => !IsCollapsedSpace((char)c) && !char.IsControl((char)c))];

        private char[] _buffer = ArrayPool<char>.Shared.Rent(capacity);

        private int _length;

        private bool _pendingSpace;

        public void Append(ReadOnlySpan<char> text)
        {
            var kept = Latin1Kept;
            var index = 0;
            while (index < text.Length)
            {
                // A run of characters copied as they are, then the one that is not (a space to collapse, or a control character to drop).
                // A single space between two such characters is already collapsed: it stays in the run, so that a
                // sentence is copied at once rather than word by word.
                var runStart = index;
                while (index < text.Length
                    && (IsKept(text[index], kept) || (text[index] == ' ' && index > runStart && index + 1 < text.Length && IsKept(text[index + 1], kept))))
                {
                    index++;
                }
                if (index > runStart)
                {
                    Write(text[runStart..index]);
                }
                if (index < text.Length)
                {
                    if (IsCollapsedSpace(text[index]))
                    {
                        _pendingSpace = _length > 0;
                    }
                    index++;
                }
            }
        }

        public bool IsOverLimit => _length > limit;

        /// <summary>The text; the buffer goes back to the pool, so nothing is appended after this.</summary>
        public override string ToString()
        {
            var text = new string(_buffer, 0, _length);
            Discard();
            return text;
        }

        /// <summary>Gives the buffer back without taking the text.</summary>
        public void Discard()
        {
            ArrayPool<char>.Shared.Return(_buffer);
            _buffer = [];
        }

        private void Write(ReadOnlySpan<char> run)
        {
            var needed = _length + run.Length + 1;
            if (needed > _buffer.Length)
            {
                var larger = ArrayPool<char>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
                _buffer.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<char>.Shared.Return(_buffer);
                _buffer = larger;
            }
            if (_pendingSpace)
            {
                _buffer[_length++] = ' ';
                _pendingSpace = false;
            }
            run.CopyTo(_buffer.AsSpan(_length));
            _length += run.Length;
        }

        private static bool IsKept(char c, bool[] latin1Kept) => c < 0x100 ? latin1Kept[c] : !IsCollapsedSpace(c);

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
