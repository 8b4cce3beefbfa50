using Serverless.Core.Ingest;
using Serverless.Core.Linking;
using Serverless.Core.Parsing;
using Serverless.Core.Render;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Admin;

/// <summary>What a preview found: the page, or why there is none.</summary>
/// <param name="Html">The full page; null when the blob is missing or cannot be read as an article.</param>
/// <param name="Problem">Why there is no page: the author's message (ingest's own), or null when the blob does not exist.</param>
public sealed record ArticlePreview(string? Html, string? Problem, IReadOnlyList<string> Warnings);

/// <summary>
/// Renders the page an uploaded blob would publish, from its current content, whatever its state (draft, scheduled,
/// failed or not yet processed): what authors read before it goes public. Only reads: no record, index, page or
/// message is written. Its links, backlinks and related list are resolved against the published corpus as stage 2
/// would; its keywords are weighed as if it were already counted in the corpus, a difference a preview can live with.
/// </summary>
public sealed class ArticlePreviewer(
    StorageClients storage,
    ArticleRepository repository,
    DocumentFrequencies frequencies,
    ArticleIngester ingester,
    RenderInputsLoader inputsLoader,
    ArticlePageRenderer renderer,
    SiteUrls urls)
{
    public async Task<ArticlePreview> PreviewAsync(string blobName, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        if (!ArticleIngester.IsArticle(blobName))
        {
            return new ArticlePreview(null, "Only articles (.md, .markdown, .txt) have a page to preview.", []);
        }
        var blob = await ingester.DownloadAsync(blobName, cancellationToken);
        return blob is null ? new ArticlePreview(null, null, []) : await PreviewDownloadedAsync(blobName, blob, cancellationToken);
    }

    /// <summary>
    /// The page a file would publish if uploaded as <paramref name="blobName"/>, before it is: what <c>preview FILE</c>
    /// shows. Dated now, as an upload now would be.
    /// </summary>
    public async Task<ArticlePreview> PreviewContentAsync(string blobName, byte[] content, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        if (!ArticleIngester.IsArticle(blobName))
        {
            return new ArticlePreview(null, "Only articles (.md, .markdown, .txt) have a page to preview.", []);
        }
        var now = DateTimeOffset.UtcNow;
        return await PreviewDownloadedAsync(blobName, new SourceBlob(content, content.Length, Md5: string.Empty, ETag: string.Empty, now, now), cancellationToken);
    }

    private async Task<ArticlePreview> PreviewDownloadedAsync(string blobName, SourceBlob blob, CancellationToken cancellationToken)
    {
        Articles.Article article;
        try
        {
            article = ingester.ParseDownloaded(blobName, blob);
        }
        catch (ArticleFormatException exception)
        {
            return new ArticlePreview(null, exception.Message, []);
        }

        // The slug it holds if it was published before (a later title may give another), else the one its title gives.
        var slug = (await repository.GetSourceAsync(blobName, cancellationToken))?.Slug ?? article.Slug;
        var counts = await frequencies.ReadAsync([.. article.Terms.Keys], slug, previousSlug: null, cancellationToken);
        var keywords = RelatedArticles.WeighKeywords(article.Terms, term => counts.DocumentFrequency(term) + 1, counts.Corpus + 1);
        var record = new ArticleEntity { PartitionKey = slug };
        ArticleRecords.Fill(record, article, blobName, blob.LastModified, bodyBlob: string.Empty, recordHash: string.Empty, keywords, counts.Corpus + 1);
        var inputs = await inputsLoader.LoadAsync(record, cancellationToken);
        var html = renderer.Render(inputs.Page(record, article.BodyHtml, urls));
        return new ArticlePreview(html, null, [.. article.Warnings, .. inputs.Rendered(record, urls).Warnings]);
    }
}
