using Markdig;
using Markdig.Syntax;
using Serverless.Core.Articles;

namespace Serverless.Core.Parsing;

/// <summary>
/// Turns an uploaded article (Markdown with optional YAML front matter, or a CMS export whose first line is the
/// headline) into an <see cref="Article"/>: metadata, links to other articles, terms, warnings and the body's HTML.
/// Each step is a class of its own; this one says in which order they run.
/// </summary>
/// <param name="publicBaseUrl">The site's address, so that absolute links to its own articles are recognised as internal.</param>
public sealed class ArticleParser(string defaultLanguage, string? publicBaseUrl = null)
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

    private readonly ArticleLinkReader _linkReader = new(publicBaseUrl);

    /// <exception cref="ArticleFormatException">The article cannot be published; the message says why.</exception>
    public Article Parse(ArticleSource source)
    {
        try
        {
            return ParseArticle(source);
        }
        catch (ArgumentException exception) when (NestingGuard.IsMarkdigRefusal(exception))
        {
            throw NestingGuard.TooDeeplyNested();
        }
    }

    private Article ParseArticle(ArticleSource source)
    {
        var normalized = Nfc.Normalize(source.Text).TrimStart('\uFEFF');
        var visible = InvisibleCharacters.Remove(normalized);
        var text = visible[FrontMatterBlock.SkipBlankLines(visible, out var blankLines)..];
        NestingGuard.ThrowIfTooDeep(text);
        var parsed = Markdown.Parse(text, MarkdownPipelines.Article);
        var warnings = new List<string>();
        if (normalized.Length > visible.Length)
        {
            warnings.Add($"{normalized.Length - visible.Length} invisible control characters (such as U+0007 or U+001B) were removed from the text.");
        }

        var frontMatter = FrontMatterBlock.Take(parsed, text, fenceLine: blankLines + 1, out var bodyStart);
        warnings.AddRange(frontMatter.Warnings);
        var (title, document) = ArticleTitle.Take(parsed, frontMatter.Title, text, bodyStart, warnings);
        ArticleTitle.DemoteLevelOneHeadings(document);

        var links = _linkReader.Read(document, frontMatter.Related, source.Name, warnings);
        CmsSubheadings.PromoteStandaloneLines(document);

        var bodyText = PlainText.Of(document);
        if (bodyText.Length == 0)
        {
            throw new ArticleFormatException("The article has a title but no body text.");
        }

        var words = BodyWords.Read(title, bodyText);
        var language = FrontMatterFields.ChooseLanguage(frontMatter.Lang, words.Language, defaultLanguage);
        var description = TextCutter.Cut(frontMatter.Description ?? FirstParagraphText(document) ?? bodyText, MaxDescriptionLength);
        if (FrenchTypography.AppliesTo(language))
        {
            // After the plain text is taken (keywords, language and word count read it as written), before the HTML.
            FrenchTypography.Apply(document);
            description = FrenchTypography.Apply(description);
        }

        var slug = FrontMatterFields.ChooseSlug(frontMatter.Slug, title, source.Name, warnings);
        var imagePath = frontMatter.Image is { } image ? ArticleLinkReader.UploadedImagePath(image, source.Name) : null;
        var published = frontMatter.Date ?? source.Created;
        var modified = frontMatter.Updated ?? source.LastModified;
        var authors = frontMatter.Authors.Count > 0 ? frontMatter.Authors : frontMatter.Author is { } single ? [single] : [];

        return new Article
        {
            Title = title,
            Slug = slug,
            SlugSource = frontMatter.Slug is null ? SlugSource.Title : SlugSource.FrontMatter,
            Description = description,
            Language = language,
            Author = authors.Count > 0 ? string.Join(", ", authors) : null,
            Authors = authors,
            Updated = ArticleUpdate.Of(frontMatter.Updated, source, published),
            AuthorUrl = FrontMatterFields.CheckAuthorUrl(frontMatter.AuthorUrl),
            AuthorHandle = FrontMatterFields.XHandle(frontMatter.AuthorHandle),
            AuthorFediverse = FrontMatterFields.FediverseHandle(frontMatter.AuthorFediverse),
            Section = frontMatter.Section ?? (frontMatter.Tags.Count > 0 ? frontMatter.Tags[0] : null),
            Published = published,
            DatedByAuthor = frontMatter.Date is not null,
            Modified = modified < published ? published : modified,
            Tags = frontMatter.Tags,
            Image = imagePath is null ? FrontMatterFields.CheckImage(frontMatter.Image, warnings) : null,
            ImageAlt = frontMatter.ImageAlt,
            ImagePath = imagePath,
            Images = links.Images,
            Draft = frontMatter.Draft,
            WordCount = words.Count,
            BodyHtml = FragmentRenderer.ToHtml(document),
            Links = links.Links,
            Terms = words.Terms,
            Warnings = warnings,
        };
    }

    /// <summary>The description when the front matter has none: the first paragraph with any text.</summary>
    private static string? FirstParagraphText(MarkdownDocument document) =>
        document.OfType<ParagraphBlock>().Select(PlainText.Of).FirstOrDefault(text => text.Length > 0);
}
