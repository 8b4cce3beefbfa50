using System.Security.Cryptography;
using System.Text;
using Azure;
using Microsoft.Extensions.Logging;
using Serverless.Core.Articles;
using Serverless.Core.Parsing;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Publishing;

/// <summary>
/// Publishes one uploaded blob: parse, render, store the page, then switch the article's record to it. Safe under
/// at-least-once delivery: content already processed (same MD5, same renderer) is recognised with two reads and no write.
/// Author mistakes end as status Failed with a message; the previously published version stays served.
/// </summary>
public sealed partial class ArticlePublisher(
    StorageClients storage,
    ArticleRepository repository,
    PageStore pages,
    ArticleParser parser,
    ArticlePageRenderer renderer,
    TimeProvider time,
    ILogger<ArticlePublisher> logger)
{
    /// <summary>Larger uploads are refused: no news article comes near it, and the whole text is held in memory.</summary>
    public const int MaxArticleBytes = 2 * 1024 * 1024;

    private static readonly string[] ArticleExtensions = [".md", ".markdown", ".txt"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Only a concurrent writer makes a conditional write fail; re-reading and re-applying settles it.</summary>
    private const int MaxAttempts = 3;

    public static bool IsArticle(string blobName) =>
        ArticleExtensions.Contains(Path.GetExtension(blobName), StringComparer.OrdinalIgnoreCase);

    /// <summary>The renderer version recorded with each source; a different one means the page must be rendered again.</summary>
    public string RenderVersion => renderer.Version;

    public async Task<PublishResult> PublishAsync(string blobName, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var source = await repository.GetSourceAsync(blobName, cancellationToken);
        if (!IsArticle(blobName))
        {
            return await RecordIgnoredAsync(blobName, source, cancellationToken);
        }

        var blob = await SourceBlob.DownloadAsync(storage.Articles.GetBlobClient(blobName), MaxArticleBytes, cancellationToken);
        if (blob is null)
        {
            return await UnpublishAsync(blobName, cancellationToken);
        }
        if (source is not null && source.ContentMd5 == blob.Md5 && source.RenderVersion == renderer.Version)
        {
            LogUnchanged(blobName);
            return new PublishResult(blobName, PublishStatus.Unchanged, source.Slug, source.Message, Warnings(source.WarningsJson));
        }

        Article article;
        try
        {
            if (blob.Content is null)
            {
                throw new ArticleFormatException($"The file is {blob.Length / 1024} KiB; articles are limited to {MaxArticleBytes / 1024 / 1024} MiB.");
            }
            article = parser.Parse(new ArticleSource(blobName, DecodeText(blob.Content), blob.Created, blob.LastModified));
        }
        catch (ArticleFormatException exception)
        {
            return await RecordFailureAsync(blobName, source, blob, exception.Message, cancellationToken);
        }

        if (article.Draft)
        {
            return await RecordDraftAsync(blobName, source, blob, cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await PublishArticleAsync(blobName, source, blob, article, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxAttempts)
            {
                LogConcurrentWrite(blobName, article.Slug, attempt);
            }
        }
    }

    /// <summary>Takes down what a deleted blob had published: the page answers 410 Gone from then on.</summary>
    public async Task<PublishResult> UnpublishAsync(string blobName, CancellationToken cancellationToken)
    {
        var source = await repository.GetSourceAsync(blobName, cancellationToken);
        if (source is null)
        {
            return new PublishResult(blobName, PublishStatus.Removed);
        }
        if (source.Slug is { } slug)
        {
            await UnserveAsync(slug, blobName, ArticleStatus.Deleted, $"The source '{blobName}' was deleted.", movedTo: null, cancellationToken);
        }
        await repository.DeleteSourceAsync(blobName, cancellationToken);
        LogUnpublished(blobName, source.Slug);
        return new PublishResult(blobName, PublishStatus.Removed, source.Slug);
    }

    private async Task<PublishResult> PublishArticleAsync(string blobName, SourceEntity? source, SourceBlob blob, Article article, CancellationToken cancellationToken)
    {
        var slug = article.Slug;
        var existing = await repository.GetArticleAsync(slug, cancellationToken);
        if (existing is not null && existing.SourceBlob != blobName && existing.ArticleStatus is not (ArticleStatus.Deleted or ArticleStatus.Moved))
        {
            return await RecordFailureAsync(blobName, source, blob,
                $"The slug '{slug}' is already used by '{existing.SourceBlob}'. Give this article another title, or a 'slug' in its front matter.",
                cancellationToken);
        }

        // 1. The new page beside the served one: content-addressed, so readers still get the old page until step 3.
        var html = Encoding.UTF8.GetBytes(renderer.Render(article));
        var pageHash = Convert.ToHexStringLower(SHA256.HashData(html))[..32];
        var pageBlob = PageStore.BlobNameFor(slug, pageHash);
        if (existing?.PageBlob != pageBlob)
        {
            await pages.SaveAsync(pageBlob, html, cancellationToken);
        }

        // 2. Related links and the listing row.
        var existingLinks = existing is null ? [] : await repository.GetRelatedLinksAsync(slug, cancellationToken);
        var wantedLinks = article.RelatedLinks.Select((link, index) => new RelatedLinkEntity
        {
            PartitionKey = slug,
            RowKey = TableKeys.RelatedLinkRow(index),
            Title = link.Title,
            TitleKey = link.TitleKey,
            Target = link.Target,
        }).ToList();
        await repository.ReplaceRelatedLinksAsync(slug, existingLinks, wantedLinks, cancellationToken);
        var listingRow = TableKeys.ListingRow(article.Published, slug);
        await repository.UpsertListingAsync(ListingEntity.For(article, listingRow), cancellationToken);

        // 3. The switch: one conditional write makes the new version the served one.
        await repository.SaveArticleAsync(new ArticleEntity
        {
            PartitionKey = slug,
            Title = article.Title,
            Description = article.Description,
            Language = article.Language,
            Author = article.Author,
            Published = article.Published,
            Modified = article.Modified,
            Tags = article.Tags,
            Image = article.Image,
            ImageAlt = article.ImageAlt,
            WordCount = article.WordCount,
            ReadingMinutes = article.ReadingMinutes,
            Status = nameof(ArticleStatus.Published),
            Warnings = article.Warnings,
            SourceBlob = blobName,
            PageBlob = pageBlob,
            PageHash = pageHash,
            ListingRowKey = listingRow,
        }, existing, cancellationToken);

        // 4. Clean up what the previous version left behind.
        if (existing?.ListingRowKey is { } oldRow && oldRow != listingRow)
        {
            await repository.DeleteListingAsync(oldRow, cancellationToken);
        }
        if (existing?.PageBlob is { } oldPage && oldPage != pageBlob)
        {
            await pages.DeleteAsync(oldPage, cancellationToken);
        }
        if (source?.Slug is { } oldSlug && oldSlug != slug)
        {
            await UnserveAsync(oldSlug, blobName, ArticleStatus.Moved, $"Now published at '{slug}'.", slug, cancellationToken);
        }

        // 5. Last, so that a crash anywhere above makes the next delivery redo the work.
        await repository.SaveSourceAsync(NewSource(blobName, SourceStatus.Published, blob, slug, null, article.Warnings), cancellationToken);
        LogPublished(blobName, slug, article.Warnings.Count);
        return new PublishResult(blobName, PublishStatus.Published, slug, null, article.Warnings);
    }

    private async Task<PublishResult> RecordFailureAsync(string blobName, SourceEntity? source, SourceBlob blob, string message, CancellationToken cancellationToken)
    {
        // The slug this blob published before keeps its page; its record says the latest upload failed and why.
        var slug = source?.Slug;
        if (slug is not null)
        {
            var article = await repository.GetArticleAsync(slug, cancellationToken);
            if (article is not null && article.SourceBlob == blobName && article.IsServed)
            {
                var previous = article.ETag;
                article.Status = nameof(ArticleStatus.Failed);
                article.StatusMessage = message;
                article.ETag = previous;
                await TrySaveAsync(article, cancellationToken);
            }
        }
        await repository.SaveSourceAsync(NewSource(blobName, SourceStatus.Failed, blob, slug, message, []), cancellationToken);
        LogFailed(blobName, message);
        return new PublishResult(blobName, PublishStatus.Failed, slug, message);
    }

    private async Task<PublishResult> RecordDraftAsync(string blobName, SourceEntity? source, SourceBlob blob, CancellationToken cancellationToken)
    {
        if (source?.Slug is { } slug)
        {
            await UnserveAsync(slug, blobName, ArticleStatus.Draft, "Marked as draft.", movedTo: null, cancellationToken);
        }
        await repository.SaveSourceAsync(NewSource(blobName, SourceStatus.Draft, blob, source?.Slug, "Marked as draft: not published.", []), cancellationToken);
        return new PublishResult(blobName, PublishStatus.Draft, source?.Slug, "Marked as draft: not published.");
    }

    private async Task<PublishResult> RecordIgnoredAsync(string blobName, SourceEntity? source, CancellationToken cancellationToken)
    {
        var message = $"'{Path.GetExtension(blobName)}' files are not articles: only .md, .markdown and .txt are published.";
        if (source?.SourceStatus != SourceStatus.Ignored)
        {
            await repository.SaveSourceAsync(new SourceEntity
            {
                PartitionKey = TableKeys.ForBlobName(blobName),
                BlobName = blobName,
                Status = nameof(SourceStatus.Ignored),
                Message = message,
                RenderVersion = renderer.Version,
                ProcessedAt = time.GetUtcNow(),
            }, cancellationToken);
            LogIgnored(blobName);
        }
        return new PublishResult(blobName, PublishStatus.Ignored, null, message);
    }

    /// <summary>Stops serving the article this blob published at <paramref name="slug"/> (deleted, draft or moved).</summary>
    private async Task UnserveAsync(string slug, string blobName, ArticleStatus status, string message, string? movedTo, CancellationToken cancellationToken)
    {
        var article = await repository.GetArticleAsync(slug, cancellationToken);
        if (article is null || article.SourceBlob != blobName)
        {
            return;
        }
        var links = await repository.GetRelatedLinksAsync(slug, cancellationToken);
        await repository.ReplaceRelatedLinksAsync(slug, links, [], cancellationToken);
        if (article.ListingRowKey is { } row)
        {
            await repository.DeleteListingAsync(row, cancellationToken);
        }
        var page = article.PageBlob;
        article.Status = status.ToString();
        article.StatusMessage = message;
        article.MovedTo = movedTo;
        article.PageBlob = null;
        article.PageHash = null;
        article.ListingRowKey = null;
        await TrySaveAsync(article, cancellationToken);
        if (page is not null)
        {
            await pages.DeleteAsync(page, cancellationToken);
        }
    }

    /// <summary>A status update that lost a race to a concurrent publish is dropped: the newer write wins.</summary>
    private async Task TrySaveAsync(ArticleEntity article, CancellationToken cancellationToken)
    {
        try
        {
            await repository.SaveArticleAsync(article, article, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            LogConcurrentWrite(article.SourceBlob, article.Slug, 1);
        }
    }

    private SourceEntity NewSource(string blobName, SourceStatus status, SourceBlob blob, string? slug, string? message, IReadOnlyList<string> warnings) => new()
    {
        PartitionKey = TableKeys.ForBlobName(blobName),
        BlobName = blobName,
        Status = status.ToString(),
        Message = message,
        WarningsJson = System.Text.Json.JsonSerializer.Serialize(warnings),
        Slug = slug,
        ContentMd5 = blob.Md5,
        BlobETag = blob.ETag,
        RenderVersion = renderer.Version,
        ProcessedAt = time.GetUtcNow(),
    };

    private static string[] Warnings(string json) => System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [];

    private static string DecodeText(byte[] content)
    {
        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException exception)
        {
            throw new ArticleFormatException($"The file is not UTF-8 text (invalid byte at position {exception.Index}). Save it as UTF-8 and upload it again.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {BlobName} at {Slug} with {WarningCount} warnings")]
    private partial void LogPublished(string blobName, string slug, int warningCount);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{BlobName} is unchanged since it was last processed; nothing written")]
    private partial void LogUnchanged(string blobName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{BlobName} could not be published: {Reason}")]
    private partial void LogFailed(string blobName, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{BlobName} is not an article and was ignored")]
    private partial void LogIgnored(string blobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "{BlobName} was deleted; unpublished {Slug}")]
    private partial void LogUnpublished(string blobName, string? slug);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Concurrent write while publishing {BlobName} at {Slug} (attempt {Attempt}); re-reading")]
    private partial void LogConcurrentWrite(string blobName, string slug, int attempt);
}
