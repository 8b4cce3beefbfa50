using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Serverless.Core.Parsing;

/// <summary>
/// Where an article's title comes from: the front matter's <c>title</c>, else the first <c># </c> heading, else (CMS
/// exports) the first line. The page shows the title as its one &lt;h1&gt;, so the body must not show it again.
/// </summary>
internal static class ArticleTitle
{
    /// <summary>The title, taken out of the document with whatever repeats it.</summary>
    /// <param name="bodyStart">Where the text after the front matter starts, for a headline read from the text.</param>
    /// <exception cref="ArticleFormatException">No title, or one longer than <see cref="ArticleParser.MaxTitleLength"/>.</exception>
    public static TitledBody Take(MarkdownDocument document, string? frontMatterTitle, string text, int bodyStart, List<string> warnings)
    {
        // Each source of the title has its own fix, so a title too long is reported in the terms of where it came from.
        TitledBody titled;
        if (frontMatterTitle is { } title)
        {
            if (title.Length > ArticleParser.MaxTitleLength)
            {
                throw new ArticleFormatException(
                    $"Front matter 'title' is {title.Length} characters long (at most {ArticleParser.MaxTitleLength}): shorten it.");
            }
            DropLeadingHeadingRepeatingTitle(document, title, warnings);
            titled = new TitledBody(title, document);
        }
        else if (TakeFirstLevelOneHeading(document) is { } fromHeading)
        {
            if (fromHeading.Length > ArticleParser.MaxTitleLength)
            {
                throw new ArticleFormatException(
                    $"The '# ' heading used as the title is {fromHeading.Length} characters long (at most {ArticleParser.MaxTitleLength}): shorten it.");
            }
            titled = new TitledBody(fromHeading, document);
        }
        else
        {
            titled = TakeHeadline(document, text, bodyStart);
            if (titled.Title.Length > ArticleParser.MaxTitleLength)
            {
                throw new ArticleFormatException(
                    $"The title is {titled.Title.Length} characters long (at most {ArticleParser.MaxTitleLength}): the first line looks like a paragraph, not a headline. Put the headline on the first line or in the front matter.");
            }
        }
        if (titled.Title.Length == 0)
        {
            throw new ArticleFormatException(
                "The article has no title: add 'title' to the front matter, start with a '# ' heading, or put the headline on the first line.");
        }
        return titled;
    }

    /// <summary>The page shows the title as its one &lt;h1&gt;: level-1 headings left in the body become level 2; other levels are kept.</summary>
    public static void DemoteLevelOneHeadings(MarkdownDocument document)
    {
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            if (heading.Level == 1)
            {
                heading.Level = 2;
            }
        }
    }

    private static string? TakeFirstLevelOneHeading(MarkdownDocument document)
    {
        var heading = document.Descendants<HeadingBlock>().FirstOrDefault(h => h.Level == 1);
        if (heading is null)
        {
            return null;
        }
        heading.Parent!.Remove(heading);
        return PlainText.Of(heading.Inline);
    }

    /// <summary>
    /// A body that opens with the front-matter title as a '# ' heading would show the title twice: that heading is
    /// dropped, with a warning. A leading heading with another text stays, as a subheading.
    /// </summary>
    private static void DropLeadingHeadingRepeatingTitle(MarkdownDocument document, string title, List<string> warnings)
    {
        if (document.Count == 0 || document[0] is not HeadingBlock { Level: 1 } heading)
        {
            return;
        }
        var text = PlainText.Of(heading.Inline);
        // Compared as titles are matched elsewhere: "L'Empire contre-attaque..." repeats "L’Empire contre-attaque…".
        if (text == title || (TitleKey.From(text) is { Length: > 0 } key && key == TitleKey.From(title)))
        {
            document.RemoveAt(0);
            warnings.Add($"The '# {text}' heading repeats the front-matter title and was dropped.");
        }
        else
        {
            warnings.Add($"The '# {text}' heading differs from the front-matter title, so it is shown as a subheading.");
        }
    }

    /// <summary>CMS exports: the first non-empty line is the headline; the body is everything after it.</summary>
    private static TitledBody TakeHeadline(MarkdownDocument document, string text, int bodyStart)
    {
        // The common case, a paragraph whose first line is the headline: cut that line out of the parsed tree
        // rather than parse the text a second time (a parse is most of the cost of publishing).
        if (document.Count > 0 && document[0] is ParagraphBlock { Inline: { } inline })
        {
            var firstLine = new List<Inline>();
            for (var child = inline.FirstChild; child is not null and not LineBreakInline; child = child.NextSibling)
            {
                firstLine.Add(child);
            }
            var lineBreak = firstLine.Count == 0 ? inline.FirstChild : firstLine[^1].NextSibling;
            var title = PlainText.OfRun(firstLine);
            firstLine.ForEach(child => child.Remove());
            lineBreak?.Remove();
            if (inline.FirstChild is null)
            {
                document.RemoveAt(0);
            }
            return new TitledBody(title, document);
        }

        // Anything else on the first line (a list item, a quote, a lower heading): take the line as text.
        using var reader = new StringReader(text[bodyStart..]);
        string? line;
        while ((line = reader.ReadLine()) is not null && line.Trim().Length == 0)
        {
        }
        var headline = line is null ? string.Empty : PlainText.Of(Markdown.Parse(line, MarkdownPipelines.Article));
        return new TitledBody(headline, Markdown.Parse(reader.ReadToEnd(), MarkdownPipelines.Article));
    }
}
