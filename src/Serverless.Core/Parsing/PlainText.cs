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
        var builder = new StringBuilder();
        Append(builder, inline);
        return Collapse(builder.ToString());
    }

    /// <summary>Plain text of a run of sibling inlines (one line of a paragraph), spaces between them kept.</summary>
    public static string OfRun(IEnumerable<Inline> inlines)
    {
        var builder = new StringBuilder();
        foreach (var inline in inlines)
        {
            Append(builder, inline);
        }
        return Collapse(builder.ToString());
    }

    public static string Of(Block block)
    {
        var builder = new StringBuilder();
        AppendBlock(builder, block);
        return Collapse(builder.ToString());
    }

    /// <summary>
    /// Trims, turns every run of white space (including line breaks) into one space, and drops other control characters
    /// (a YAML escape such as "\a" makes one): no XML document, such as a feed, may hold them.
    /// </summary>
    public static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) && c != '\u00A0' && c != '\u202F')
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (char.IsControl(c))
            {
                continue;
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    private static void AppendBlock(StringBuilder builder, Block block)
    {
        switch (block)
        {
            case LeafBlock { Inline: { } inline }:
                Append(builder, inline);
                builder.Append(' ');
                break;
            case LeafBlock leaf when leaf.Lines.Count > 0:
                builder.Append(leaf.Lines.ToString()).Append(' ');
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    AppendBlock(builder, child);
                }
                break;
        }
    }

    private static void Append(StringBuilder builder, Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                builder.Append(literal.Content.AsSpan());
                break;
            case HtmlEntityInline entity:
                builder.Append(entity.Transcoded.AsSpan());
                break;
            case CodeInline code:
                builder.Append(code.Content);
                break;
            case AutolinkInline autolink:
                builder.Append(autolink.Url);
                break;
            case LineBreakInline:
                builder.Append(' ');
                break;
            case HtmlInline html:
                builder.Append(html.Tag);
                break;
            case ContainerInline container:
                for (var child = container.FirstChild; child is not null; child = child.NextSibling)
                {
                    Append(builder, child);
                }
                break;
        }
    }
}
