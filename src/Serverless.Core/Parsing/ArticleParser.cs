using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Serverless.Core.Articles;
using Serverless.Core.Linking;

namespace Serverless.Core.Parsing;

/// <summary>
/// Turns an uploaded article (Markdown with optional YAML front matter, or a CMS export whose first line is the
/// headline) into an <see cref="Article"/>: metadata, links to other articles, terms, warnings and the body's HTML.
/// </summary>
/// <param name="publicBaseUrl">The site's address, so that absolute links to its own articles are recognised as internal.</param>
public sealed partial class ArticleParser(string defaultLanguage, string? publicBaseUrl = null)
{
    /// <summary>
    /// Links to other articles kept per article: a dossier linking a thousand stories links every one (its record's
    /// large values live in blobs: <see cref="Storage.LargeProperties"/>). More are shown as text, with a warning saying
    /// so: each kept link costs every render of the page a read to resolve it.
    /// </summary>
    public const int MaxLinks = 2_000;

    public const int MaxDescriptionLength = 200;

    /// <summary>The longest title, wherever it comes from; a first line longer than this is prose, not a headline.</summary>
    public const int MaxTitleLength = 250;

    /// <summary>A standalone line at most this long, between paragraphs and without terminal punctuation, is a subheading.</summary>
    public const int MaxSubheadingLength = 100;

    /// <summary>
    /// Blocks and inlines nest at most this deep (Markdig's own limit, <see cref="MarkdownPipeline.MaximumNestingDepth"/>):
    /// far beyond any article, and it keeps parsing and rendering linear and off the end of the stack.
    /// </summary>
    public const int MaxNestingDepth = 128;

    /// <summary>The start of the message of the exception Markdig throws past <see cref="MaxNestingDepth"/>.</summary>
    private const string MarkdigTooDeep = "Markdown elements in the input are too deeply nested";

    private static readonly MarkdownPipeline Pipeline = MarkdownPipelines.Article;

    /// <exception cref="ArticleFormatException">The article cannot be published; the message says why.</exception>
    public Article Parse(ArticleSource source)
    {
        try
        {
            return ParseArticle(source);
        }
        catch (ArgumentException exception) when (exception.Message.StartsWith(MarkdigTooDeep, StringComparison.Ordinal))
        {
            throw TooDeeplyNested();
        }
    }

    private static ArticleFormatException TooDeeplyNested() => new(
        $"The article's Markdown nests more than {MaxNestingDepth} levels deep (quotes '>', lists, or brackets '[' and emphasis '*' left open): flatten the quotes and lists, and write a bracket or star meant as text as \\[ or \\*.");

    /// <summary>
    /// Whether a line opens more than <see cref="MaxNestingDepth"/> quotes and list items (<c>&gt;</c>, <c>- </c>,
    /// <c>1. </c>…) before its text. Markdig refuses such a line too, but only after seconds of work on thousands of
    /// levels; this refuses it in one pass. A line of markers alone may be a thematic break (<c>- - -</c>) and is left to Markdig.
    /// </summary>
    private static bool OpensTooManyBlocks(string text)
    {
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var rest = line;
            for (var depth = 0; ; depth++)
            {
                rest = rest.TrimStart(" \t");
                var marker = rest switch
                {
                    ['>', ..] => 1,
                    ['-' or '*' or '+', ' ' or '\t', ..] => 2,
                    _ => OrderedListMarkerLength(rest),
                };
                if (marker == 0)
                {
                    break;
                }
                rest = rest[marker..];
                if (depth >= MaxNestingDepth && !rest.Trim(" \t-*+>").IsEmpty)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// Whether a paragraph opens more than <see cref="MaxNestingDepth"/> emphasis marks (<c>*</c> or <c>_</c> before a
    /// word) that nothing closes: Markdig spends seconds on such text (50,000 <c>*a </c>) before its own limit trips.
    /// Code blocks and indented lines are skipped, so that code full of pointers (<c>*p</c>) is never mistaken for it.
    /// </summary>
    private static bool OpensTooManyEmphases(string text)
    {
        var unclosed = 0;
        var inFence = false;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = line.TrimStart(' ');
            if (trimmed.StartsWith("```") || trimmed.StartsWith("~~~"))
            {
                inFence = !inFence;
                continue;
            }
            if (trimmed.IsEmpty || inFence || line.Length - trimmed.Length >= 4 || line.StartsWith("\t"))
            {
                unclosed = trimmed.IsEmpty ? 0 : unclosed; // a blank line ends the paragraph
                continue;
            }
            for (var index = 0; index < line.Length; index++)
            {
                // Straight to the next escape or mark: most of a line is neither.
                var next = line[index..].IndexOfAny('\\', '*', '_');
                if (next < 0)
                {
                    break;
                }
                index += next;
                if (line[index] == '\\')
                {
                    index++;
                    continue;
                }
                var start = index;
                while (index + 1 < line.Length && line[index + 1] == line[start])
                {
                    index++;
                }
                var before = start == 0 ? ' ' : line[start - 1];
                var after = index + 1 == line.Length ? ' ' : line[index + 1];
                var opens = !char.IsWhiteSpace(after) && (!char.IsPunctuation(after) || char.IsWhiteSpace(before) || char.IsPunctuation(before));
                var closes = !char.IsWhiteSpace(before) && (!char.IsPunctuation(before) || char.IsWhiteSpace(after) || char.IsPunctuation(after));
                if (closes && unclosed > 0)
                {
                    unclosed--;
                }
                else if (opens && !closes && ++unclosed > MaxNestingDepth)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>The length of an ordered list marker opening <paramref name="text"/> ("12. ", "3) "); 0 when there is none.</summary>
    private static int OrderedListMarkerLength(ReadOnlySpan<char> text)
    {
        var digits = 0;
        while (digits < text.Length && digits < 9 && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }
        return digits > 0 && text.Length > digits + 1 && text[digits] is '.' or ')' && text[digits + 1] is ' ' or '\t' ? digits + 2 : 0;
    }

    private Article ParseArticle(ArticleSource source)
    {
        var text = Nfc.Normalize(source.Text).TrimStart('\uFEFF');
        // Control characters other than tabs and line breaks show as nothing, and no HTML or XML output (pages, feeds)
        // may hold them, nor U+FFFE and U+FFFF: they go, and the author hears of it.
        var withoutControls = RemoveInvisibleCharacters(text);
        var removedControls = text.Length - withoutControls.Length;
        text = withoutControls;
        // Markdig takes a front matter only on the very first line: blank lines before it are cut, and counted so that
        // messages still give lines in the file.
        var firstLineStart = SkipBlankLines(text, out var blankLines);
        text = text[firstLineStart..];
        if (OpensTooManyBlocks(text) || OpensTooManyEmphases(text))
        {
            throw TooDeeplyNested();
        }
        var document = Markdown.Parse(text, Pipeline);
        var warnings = new List<string>();
        if (removedControls > 0)
        {
            warnings.Add($"{removedControls} invisible control characters (such as U+0007 or U+001B) were removed from the text.");
        }

        var frontMatter = ReadFrontMatter(document, text, fenceLine: blankLines + 1, out var bodyStart);
        warnings.AddRange(frontMatter.Warnings);

        // Each source of the title has its own fix, so a title too long is reported in the terms of where it came from.
        string title;
        if (frontMatter.Title is { } fromFrontMatter)
        {
            title = fromFrontMatter;
            if (title.Length > MaxTitleLength)
            {
                throw new ArticleFormatException(
                    $"Front matter 'title' is {title.Length} characters long (at most {MaxTitleLength}): shorten it.");
            }
            DropLeadingHeadingRepeatingTitle(document, title, warnings);
        }
        else if (TakeFirstLevelOneHeading(document) is { } fromHeading)
        {
            title = fromHeading;
            if (title.Length > MaxTitleLength)
            {
                throw new ArticleFormatException(
                    $"The '# ' heading used as the title is {title.Length} characters long (at most {MaxTitleLength}): shorten it.");
            }
        }
        else
        {
            (title, document) = TakeHeadline(document, text, bodyStart);
            if (title.Length > MaxTitleLength)
            {
                throw new ArticleFormatException(
                    $"The title is {title.Length} characters long (at most {MaxTitleLength}): the first line looks like a paragraph, not a headline. Put the headline on the first line or in the front matter.");
            }
        }
        if (title.Length == 0)
        {
            throw new ArticleFormatException(
                "The article has no title: add 'title' to the front matter, start with a '# ' heading, or put the headline on the first line.");
        }
        DemoteLevelOneHeadings(document);

        var links = new List<ArticleLink>();
        foreach (var entry in RelatedLinksBlock.Extract(document))
        {
            links.Add(ReadAlsoLink(entry, source.Name));
        }
        foreach (var entry in frontMatter.Related)
        {
            var keys = ReferenceKeys.ForRelatedEntry(entry, source.Name, publicBaseUrl);
            links.Add(new ArticleLink(keys.Any(key => ReferenceKeys.IsTitle(key, out _)) ? entry : string.Empty, null, LinkPlacement.ReadAlso, keys));
        }
        var images = new List<ArticleImage>();
        ProcessLinks(document, source.Name, links, images, warnings);
        if (links.Count > MaxLinks)
        {
            warnings.Add($"The article links to {links.Count} articles; only the first {MaxLinks} are kept.");
            links.RemoveRange(MaxLinks, links.Count - MaxLinks);
        }
        if (!document.Descendants<HeadingBlock>().Any())
        {
            PromoteStandaloneLinesToSubheadings(document);
        }

        var bodyText = PlainText.Of(document);
        if (bodyText.Length == 0)
        {
            throw new ArticleFormatException("The article has a title but no body text.");
        }

        var words = BodyWords.Read(title, bodyText);
        var language = ChooseLanguage(frontMatter.Lang, words.Language);
        var description = TextCutter.Cut(frontMatter.Description ?? FirstParagraphText(document) ?? bodyText, MaxDescriptionLength);
        if (FrenchTypography.AppliesTo(language))
        {
            // After the plain text is taken (keywords, language and word count read it as written), before the HTML.
            FrenchTypography.Apply(document);
            description = FrenchTypography.Apply(description);
        }

        var slug = ChooseSlug(frontMatter.Slug, title, source.Name, warnings);
        var imagePath = frontMatter.Image is { } image ? UploadedImagePath(image, source.Name) : null;
        var published = frontMatter.Date ?? source.Created;
        var modified = frontMatter.Updated ?? source.LastModified;

        return new Article
        {
            Title = title,
            Slug = slug,
            SlugSource = frontMatter.Slug is null ? SlugSource.Title : SlugSource.FrontMatter,
            Description = description,
            Language = language,
            Author = frontMatter.Author,
            AuthorUrl = CheckAuthorUrl(frontMatter.AuthorUrl),
            AuthorHandle = XHandle(frontMatter.AuthorHandle),
            Section = frontMatter.Section ?? (frontMatter.Tags.Count > 0 ? frontMatter.Tags[0] : null),
            Published = published,
            Modified = modified < published ? published : modified,
            Tags = frontMatter.Tags,
            Image = imagePath is null ? CheckImage(frontMatter.Image, warnings) : null,
            ImageAlt = frontMatter.ImageAlt,
            ImagePath = imagePath,
            Images = images,
            Draft = frontMatter.Draft,
            WordCount = words.Count,
            BodyHtml = RenderHtml(document),
            Links = links,
            Terms = words.Terms,
            Warnings = warnings,
        };
    }

    /// <summary>Where the first line with any text starts, and how many blank lines come before it.</summary>
    private static int SkipBlankLines(string text, out int blankLines)
    {
        blankLines = 0;
        var lineStart = 0;
        for (var index = 0; index < text.Length && text[index] is ' ' or '\t' or '\r' or '\n'; index++)
        {
            // A line ends with "\n", "\r\n" or a lone "\r".
            if (text[index] == '\n' || (text[index] == '\r' && (index + 1 == text.Length || text[index + 1] != '\n')))
            {
                blankLines++;
                lineStart = index + 1;
            }
        }
        return lineStart;
    }

    /// <param name="fenceLine">The file's line number of the text's first line, where a front matter opens.</param>
    private static FrontMatter ReadFrontMatter(MarkdownDocument document, string text, int fenceLine, out int bodyStart)
    {
        bodyStart = 0;
        if (document.Count == 0 || document[0] is not YamlFrontMatterBlock block)
        {
            return FrontMatter.IsOpenedButNeverClosed(text)
                ? throw new ArticleFormatException(
                    $"The front matter opened by '---' on line {fenceLine} is never closed: add a line with '---' after its last field.")
                : FrontMatter.Empty;
        }
        document.RemoveAt(0);
        bodyStart = Math.Min(text.Length, block.Span.End + 1);
        return FrontMatter.Parse(block.Lines.ToString(), firstLine: fenceLine + 1);
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

    /// <summary>The page shows the title as its one &lt;h1&gt;: level-1 headings left in the body become level 2; other levels are kept.</summary>
    private static void DemoteLevelOneHeadings(MarkdownDocument document)
    {
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            if (heading.Level == 1)
            {
                heading.Level = 2;
            }
        }
    }

    /// <summary>CMS exports: the first non-empty line is the headline; the body is everything after it.</summary>
    private static (string Title, MarkdownDocument Body) TakeHeadline(MarkdownDocument document, string text, int bodyStart)
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
            return (title, document);
        }

        // Anything else on the first line (a list item, a quote, a lower heading): take the line as text.
        using var reader = new StringReader(text[bodyStart..]);
        string? line;
        while ((line = reader.ReadLine()) is not null && line.Trim().Length == 0)
        {
        }
        var headline = line is null ? string.Empty : PlainText.Of(Markdown.Parse(line, Pipeline));
        return (headline, Markdown.Parse(reader.ReadToEnd(), Pipeline));
    }

    private ArticleLink ReadAlsoLink(RelatedLinksBlock.ReadAlsoEntry entry, string blobName)
    {
        var keys = new List<string>();
        if (entry.Target is { } target)
        {
            keys.AddRange(ReferenceKeys.ForTarget(target, blobName, publicBaseUrl));
            if (keys.Count == 0)
            {
                return new ArticleLink(entry.Title, target, LinkPlacement.ReadAlso, []); // another site: kept as written
            }
        }
        if (ReferenceKeys.Title(entry.Title) is { } titleKey)
        {
            keys.Add(titleKey);
        }
        return new ArticleLink(entry.Title, null, LinkPlacement.ReadAlso, keys);
    }

    /// <summary>
    /// Unsafe links lose their target and keep their text. Links to other articles (an internal URL, a slug, a path to
    /// an uploaded article, or a placeholder whose text may be a title) become markers resolved at render time.
    /// </summary>
    private void ProcessLinks(MarkdownDocument document, string blobName, List<ArticleLink> links, List<ArticleImage> images, List<string> warnings)
    {
        // Collected in one walk before the tree changes; replacing or unwrapping a link moves its children, so the
        // autolinks collected are still those in the tree when their turn comes.
        var (allLinks, autolinks) = CollectLinks(document);
        foreach (var link in allLinks)
        {
            var label = PlainText.Of(link);
            if (link.IsImage)
            {
                if (!SafeUrls.IsAllowed(link.Url))
                {
                    warnings.Add($"Image '{label}' was removed: its source '{link.Url}' is not an http, https or relative URL.");
                    Unwrap(link);
                }
                else if (UploadedImagePath(link.Url!, blobName) is { } path)
                {
                    link.ReplaceBy(new BodyImages.MarkerInline(images.Count));
                    images.Add(new ArticleImage(path, label));
                }
                continue;
            }
            IReadOnlyList<string> keys;
            if (SafeUrls.IsPlaceholder(link.Url))
            {
                keys = ReferenceKeys.Title(label) is { } titleKey ? [titleKey] : [];
                warnings.Add(keys.Count > 0
                    ? $"Placeholder link on '{label}' (target '{link.Url}') has no address: it links to the article titled '{label}' once there is one, and shows as text until then."
                    : $"Placeholder link on '{label}' was removed (target '{link.Url}'); the text is kept.");
            }
            else if (!SafeUrls.IsAllowed(link.Url))
            {
                warnings.Add($"Link on '{label}' was removed: its target '{link.Url}' is not an http, https, mailto or relative URL.");
                Unwrap(link);
                continue;
            }
            else
            {
                keys = ReferenceKeys.ForTarget(link.Url!, blobName, publicBaseUrl);
                if (keys.Count == 0)
                {
                    continue; // a link to another site, or to a page that is not an article: kept as written
                }
            }
            if (keys.Count == 0 || links.Count >= MaxLinks)
            {
                Unwrap(link);
                continue;
            }
            link.ReplaceBy(new BodyLinks.MarkerInline(links.Count));
            links.Add(new ArticleLink(label, null, LinkPlacement.Inline, keys));
        }
        foreach (var autolink in autolinks)
        {
            if (!autolink.IsEmail && !SafeUrls.IsAllowed(autolink.Url))
            {
                warnings.Add($"Link '{autolink.Url}' was removed: it is not an http, https, mailto or relative URL.");
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
            else if (IsInsideLink(autolink))
            {
                // A link cannot hold a link (CommonMark), but Markdig nests an autolink in a link's text: <a> in <a>.
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }
    }

    /// <summary>The links (images among them) and autolinks of the document, in document order.</summary>
    private static (List<LinkInline> Links, List<AutolinkInline> Autolinks) CollectLinks(MarkdownDocument document)
    {
        var links = new List<LinkInline>();
        var autolinks = new List<AutolinkInline>();
        InlineWalk.Visit(document, inline =>
        {
            if (inline is LinkInline link)
            {
                links.Add(link);
            }
            else if (inline is AutolinkInline autolink)
            {
                autolinks.Add(autolink);
            }
        });
        return (links, autolinks);
    }

    private static bool IsInsideLink(Inline inline)
    {
        for (var parent = inline.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is LinkInline { IsImage: false } or BodyLinks.MarkerInline)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Replaces a link by its content (an image by its alt text): the text stays, the link goes.</summary>
    /// <remarks>
    /// Not <c>ReplaceBy</c>, which copies the children after the replacement (the alt text twice), nor
    /// <c>InsertBefore</c>, which leaves the moved inline without a previous sibling: <c>Descendants</c> walks siblings
    /// backwards and would no longer see what precedes it, such as a <c>&lt;javascript:...&gt;</c> autolink.
    /// </remarks>
    private static void Unwrap(LinkInline link)
    {
        link.MoveChildrenAfter(link);
        link.Remove();
    }

    /// <summary>
    /// CMS exports have no Markdown headings; their subheadings are short standalone lines between paragraphs,
    /// without terminal punctuation. Only applied when the article has no heading of its own.
    /// </summary>
    private static void PromoteStandaloneLinesToSubheadings(MarkdownDocument document)
    {
        for (var index = 1; index < document.Count - 1; index++)
        {
            // The length first: most paragraphs are too long, and their text need not be taken whole.
            if (document[index] is not ParagraphBlock { Inline: { } inline } paragraph
                || document[index - 1] is not ParagraphBlock
                || document[index + 1] is not ParagraphBlock
                || PlainText.OfAtMost(inline, MaxSubheadingLength) is not { Length: > 0 } line
                || EndsWithTerminalPunctuation().IsMatch(line)
                || inline.Descendants<Inline>().Any(child => child is LineBreakInline or LinkInline or BodyLinks.MarkerInline))
            {
                continue;
            }
            paragraph.Inline = null;
            var heading = new HeadingBlock(null!) { Level = 2, Inline = inline };
            document[index] = heading;
        }
    }

    /// <summary>The control characters (Unicode category Cc) other than tab and line breaks, and U+FFFE and U+FFFF.</summary>
    private static readonly SearchValues<char> InvisibleCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 0xA0).Select(code => (char)code).Where(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')), '\uFFFE', '\uFFFF']);

    /// <summary>The text without <see cref="InvisibleCharacters"/>; the same string when it has none, as nearly every upload.</summary>
    private static string RemoveInvisibleCharacters(string text)
    {
        var rest = text.AsSpan();
        var next = rest.IndexOfAny(InvisibleCharacters);
        if (next < 0)
        {
            return text;
        }
        var kept = new StringBuilder(text.Length);
        while (next >= 0)
        {
            kept.Append(rest[..next]);
            rest = rest[(next + 1)..];
            next = rest.IndexOfAny(InvisibleCharacters);
        }
        return kept.Append(rest).ToString();
    }

    [GeneratedRegex(@"[.!?…:;,»""”)\]]$")]
    private static partial Regex EndsWithTerminalPunctuation();

    [GeneratedRegex("^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$", RegexOptions.CultureInvariant)]
    private static partial Regex LanguageTag();

    private static string? FirstParagraphText(MarkdownDocument document) =>
        document.OfType<ParagraphBlock>().Select(PlainText.Of).FirstOrDefault(text => text.Length > 0);

    private static string ChooseSlug(string? requested, string title, string blobName, List<string> warnings)
    {
        if (requested is not null)
        {
            var slug = Slugs.From(requested);
            if (slug.Length == 0)
            {
                throw new ArticleFormatException($"Front matter 'slug' '{requested}' has no letter or digit to make a URL from.");
            }
            if (slug != requested)
            {
                warnings.Add($"Front matter 'slug' '{requested}' was made URL-safe as '{slug}'.");
            }
            return slug;
        }
        var fromTitle = Slugs.From(title);
        if (fromTitle.Length > 0)
        {
            return fromTitle;
        }
        var fromName = Slugs.From(Path.GetFileNameWithoutExtension(blobName));
        return fromName.Length > 0
            ? fromName
            : throw new ArticleFormatException("Neither the title nor the file name has a letter or digit to make a URL from: add 'slug' to the front matter.");
    }

    private string ChooseLanguage(string? requested, string? detected)
    {
        if (requested is null)
        {
            return detected ?? defaultLanguage;
        }
        CultureInfo? culture = null;
        try
        {
            // ICU also accepts POSIX names such as "fr_FR" and calls them "fr_fr", which is not a language tag that
            // <html lang> or og:locale understand: only BCP 47-shaped codes are looked up.
            culture = LanguageTag().IsMatch(requested) ? CultureInfo.GetCultureInfo(requested, predefinedOnly: true) : null;
        }
        catch (CultureNotFoundException)
        {
        }
        return culture is { Name.Length: > 0 }
            ? culture.Name
            : throw new ArticleFormatException($"Front matter 'lang' '{requested}' is not a known language code; use e.g. 'fr', 'en' or 'fr-CA'.");
    }

    /// <summary>The blob path of an image named by a relative path to an uploaded image file (<c>poster.jpg</c>, <c>../img/a.png</c>); null for anything else.</summary>
    private static string? UploadedImagePath(string url, string blobName) =>
        ReferenceKeys.ForImage(url, blobName) is { } path && ReferenceKeys.IsMediaFile(path) ? path : null;

    private static string? CheckImage(string? image, List<string> warnings)
    {
        if (image is null)
        {
            return null;
        }
        // Pages and share cards make the image absolute: a URL that cannot be parsed must fail here, with a message,
        // rather than at render time.
        if (!Uri.TryCreate(new Uri("https://example.com/"), image, out _))
        {
            throw new ArticleFormatException($"Front matter 'image' '{image}' is not a valid URL: use an http or https URL, or a path such as /images/photo.jpg.");
        }
        if (SafeUrls.IsAllowed(image) && !image.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return image;
        }
        warnings.Add($"Front matter 'image' '{image}' was ignored: it must be an http, https or relative URL.");
        return null;
    }

    /// <summary>An author page must be an absolute http(s) URL: it is shared as is, outside the site.</summary>
    private static string? CheckAuthorUrl(string? url) =>
        url is null || (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
            ? url
            : throw new ArticleFormatException($"Front matter 'author_url' '{url}' is not an http or https URL: give the author's page, such as https://example.com/jane.");

    /// <summary>An X handle as authors write it, with or without @; what X accepts is letters, digits and _ (at most 15).</summary>
    private static string? XHandle(string? handle)
    {
        if (handle is null)
        {
            return null;
        }
        var name = handle.Trim().TrimStart('@');
        return name.Length is > 0 and <= 15 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? "@" + name
            : throw new ArticleFormatException($"Front matter 'author_x' '{handle}' is not an X handle: use letters, digits and _ (at most 15), such as @janedoe.");
    }

    private static string RenderHtml(MarkdownDocument document)
    {
        // Taken while in use: a render that throws never hands its half-written state to the next one.
        var renderer = cachedRenderer ?? new FragmentRenderer();
        cachedRenderer = null;
        var html = renderer.RenderToString(document);
        if (renderer.Capacity <= FragmentRenderer.MaxKeptCapacity)
        {
            cachedRenderer = renderer;
        }
        return html;
    }

    /// <summary>
    /// One renderer per thread, reused as Markdig's own <see cref="Markdown.ToHtml(string, MarkdownPipeline?, MarkdownParserContext?)"/>
    /// reuses its renderers: setting one up (the pipeline's thirty-odd object renderers) costs as much as rendering a short article.
    /// </summary>
    [ThreadStatic]
    private static FragmentRenderer? cachedRenderer;

    /// <summary>The body fragment's renderer: the pipeline's, with the markers of links and uploaded images.</summary>
    private sealed class FragmentRenderer : HtmlRenderer
    {
        /// <summary>A buffer grown past this by a long article is let go rather than kept for the thread's life.</summary>
        public const int MaxKeptCapacity = 256 * 1024;

        public FragmentRenderer() : base(new StringWriter(CultureInfo.InvariantCulture))
        {
            Pipeline.Setup(this);
            ObjectRenderers.Insert(0, new BodyLinks.MarkerRenderer());
            ObjectRenderers.Insert(0, new BodyImages.MarkerRenderer());
        }

        public int Capacity => ((StringWriter)Writer).GetStringBuilder().Capacity;

        public string RenderToString(MarkdownDocument document)
        {
            Render(document);
            var html = Writer.ToString()!;
            Reset();
            return html;
        }
    }
}
