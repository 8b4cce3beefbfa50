using System.Text.RegularExpressions;
using Markdig.Extensions.Footnotes;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Serverless.Core.Parsing;

/// <summary>
/// Finds the trailing "A lire aussi :" block a CMS appends (an introducing line followed only by titles or links),
/// takes it out of the document and returns its links.
/// </summary>
internal static partial class RelatedLinksBlock
{
    [GeneratedRegex(@"^(?:(?:a|à)\s+lire\s+aussi|lire\s+aussi|voir\s+aussi|read\s+also|see\s+also|related(?:\s+(?:articles?|stories|posts|links|reading))?)\s*:?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Intro();

    /// <summary>The longest text taken as a title when a related article is named without a link.</summary>
    private const int MaxTitleLength = 200;

    public static IReadOnlyList<ReadAlsoEntry> Extract(MarkdownDocument document)
    {
        // Markdig puts link reference definitions (which render nothing) and the footnotes (always rendered last)
        // after everything else: the block before them is still the trailing one. They stay in the document.
        var end = document.Count;
        while (end > 0 && document[end - 1] is LinkReferenceDefinitionGroup or FootnoteGroup)
        {
            end--;
        }
        var trailingLines = new List<Line>();
        for (var index = end - 1; index >= 0; index--)
        {
            var lines = LinesOf(document[index]);
            if (lines is null || lines.Count == 0)
            {
                return [];
            }
            if (Intro().IsMatch(lines[0].Text) && lines.Skip(1).All(IsEntry))
            {
                trailingLines.InsertRange(0, lines.Skip(1));
                if (trailingLines.Count == 0)
                {
                    return [];
                }
                for (var remove = end - 1; remove >= index; remove--)
                {
                    document.RemoveAt(remove);
                }
                return [.. trailingLines.Select(ToLink)];
            }
            if (!lines.All(IsEntry))
            {
                return [];
            }
            trailingLines.InsertRange(0, lines);
        }
        return [];
    }

    /// <summary>An entry of the block: the title as written, and the target unless it is a placeholder.</summary>
    public sealed record ReadAlsoEntry(string Title, string? Target);

    /// <summary>One line of inlines, between line breaks, with its plain text (taken once: each line is tested several times).</summary>
    private sealed record Line(IReadOnlyList<Inline> Inlines, string Text);

    private static List<Line>? LinesOf(Block block) => block switch
    {
        LeafBlock { Inline: { } inline } and (ParagraphBlock or HeadingBlock) => SplitLines(inline),
        ListBlock list => list.OfType<ListItemBlock>().All(item => item.Count == 1 && item[0] is ParagraphBlock)
            ? [.. list.OfType<ListItemBlock>().SelectMany(item => LinesOf(item[0]) ?? [])]
            : null,
        _ => null,
    };

    private static List<Line> SplitLines(ContainerInline inline)
    {
        var lines = new List<Line>();
        var current = new List<Inline>();
        for (var child = inline.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is LineBreakInline)
            {
                AddIfNotBlank(lines, current);
                current = [];
                continue;
            }
            current.Add(child);
        }
        AddIfNotBlank(lines, current);
        return lines;
    }

    private static void AddIfNotBlank(List<Line> lines, List<Inline> inlines)
    {
        var text = PlainText.OfRun(inlines);
        if (text.Length > 0)
        {
            lines.Add(new Line(inlines, text));
        }
    }

    private static bool IsEntry(Line line)
    {
        if (LinkOf(line) is not null)
        {
            return true;
        }
        // A title named without a link: short, and not a sentence. Headlines may end with "?" or "!", so prose
        // ending that way ("Thanks for reading. Tell us what you think!") is told apart by its inner sentence break.
        var text = line.Text;
        return text.Length is > 0 and <= MaxTitleLength
            && (!text.EndsWith('.') || text.EndsWith("...", StringComparison.Ordinal))
            && !SentenceBreak().IsMatch(text);
    }

    /// <summary>A sentence end followed by a capitalised word; an ellipsis ("contre-attaque... Avec") is not one.</summary>
    [GeneratedRegex(@"(?<!\.)[.!?]\s+\p{Lu}", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceBreak();

    /// <summary>The line's only link, possibly wrapped in emphasis; null when the line holds anything else.</summary>
    private static LinkInline? LinkOf(Line line)
    {
        // Stops at a second inline with text: most lines are prose, with many.
        Inline? found = null;
        foreach (var inline in line.Inlines)
        {
            if (PlainText.Of(inline).AsSpan().Trim(" -•–,;").Length == 0)
            {
                continue;
            }
            if (found is not null)
            {
                return null;
            }
            found = inline;
        }
        if (found is null)
        {
            return null;
        }
        Inline current = found;
        while (current is EmphasisInline { FirstChild: { } only } emphasis && only.NextSibling is null && emphasis.FirstChild == only)
        {
            current = only;
        }
        return current is LinkInline { IsImage: false } link ? link : null;
    }

    private static ReadAlsoEntry ToLink(Line line)
    {
        var link = LinkOf(line);
        var title = link is null ? line.Text : PlainText.Of(link);
        var target = link?.Url is { } url && !SafeUrls.IsPlaceholder(url) && SafeUrls.IsAllowed(url) ? url.Trim() : null;
        return new ReadAlsoEntry(title.Trim(' ', '-', '•', '–'), target);
    }
}
