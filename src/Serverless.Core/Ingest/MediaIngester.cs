using System.Globalization;
using System.Security.Cryptography;
using Azure;
using Microsoft.Extensions.Logging;
using Serverless.Core.Configuration;
using Serverless.Core.Linking;
using Serverless.Core.Parsing;
using Serverless.Core.Render;
using Serverless.Core.Storage;
using SkiaSharp;

namespace Serverless.Core.Ingest;

/// <summary>
/// Stage 1 for an image uploaded beside the articles (<c>2014/sony/poster.jpg</c>): checks what the bytes really are
/// (JPEG, PNG, WebP or GIF) and reads the image's size, publishes a content-addressed copy with its type and immutable
/// cache headers, records it in the media table under the key articles name it by, and renders again the articles
/// that show it. A file that is not one of those images, or over <see cref="SiteOptions.MaxImageBytes"/>, ends as
/// status Failed with a message; a previous version stays served.
/// </summary>
public sealed partial class MediaIngester(
    MediaStore media,
    ArticleRepository repository,
    CitingPagesFanout citingPages,
    RenderQueueClient queue,
    SiteOptions site,
    TimeProvider time,
    ILogger<MediaIngester> logger)
{
    /// <summary>Bump when what is published for an image changes; the size limit is part of the version, so a raised limit retries refused files.</summary>
    public const string Processor = "1";

    private const string AcceptedTypes = "JPEG, PNG, WebP or GIF";

    public static bool IsMedia(string blobName) => ReferenceKeys.IsMediaFile(blobName);

    /// <summary>Recorded with each image's source: a different one means the blob must be processed again.</summary>
    public string Version { get; } = "m" + Processor + "-" + site.MaxImageBytes.ToString(CultureInfo.InvariantCulture);

    /// <summary>The largest image accepted, from <see cref="SiteOptions.MaxImageBytes"/>: larger ones are not downloaded.</summary>
    public int MaxBytes => site.MaxImageBytes;

    internal async Task<PublishResult> IngestAsync(string blobName, SourceBlob blob, CancellationToken cancellationToken)
    {
        var source = await repository.GetSourceAsync(blobName, cancellationToken);
        if (source?.BlobLastModified > blob.LastModified
            || source is { Settled: true } && source.ContentMd5 == blob.Md5 && source.IngestVersion == Version)
        {
            LogUnchanged(blobName);
            return new PublishResult(blobName, PublishStatus.Unchanged, null, source!.Message);
        }
        if (blob.Content is null)
        {
            return await RecordAsync(blobName, blob, source, SourceStatus.Failed,
                $"The image is {Mebibytes(blob.Length)} MiB: too large; images are limited to {Mebibytes(site.MaxImageBytes)} MiB. Resize or compress it and upload it again.",
                mediaPath: null, cancellationToken);
        }
        if (Inspect(blob.Content) is not { } image)
        {
            return await RecordAsync(blobName, blob, source, SourceStatus.Failed,
                $"The file is not a {AcceptedTypes} image (or it is damaged): only those are published. Export it in one of these formats and upload it again.",
                mediaPath: null, cancellationToken);
        }

        var mediaBlob = Convert.ToHexStringLower(SHA256.HashData(blob.Content))[..32] + "/" + FileName(blobName, image.Extension);
        var existing = await media.GetAsync(blobName, cancellationToken);
        if (existing?.MediaBlob != mediaBlob)
        {
            await media.UploadAsync(mediaBlob, blob.Content, image.ContentType, cancellationToken);
            await media.SaveAsync(new MediaEntity
            {
                PartitionKey = TableKeys.ForBlobName(blobName),
                BlobName = blobName,
                MediaBlob = mediaBlob,
                ContentType = image.ContentType,
                Width = image.Width,
                Height = image.Height,
                Length = blob.Content.Length,
            }, cancellationToken);
            await RenderShowingAsync(blobName, cancellationToken);
        }
        var mediaPath = "/media/" + mediaBlob;
        var named = TypeOfExtension(Path.GetExtension(blobName)) == image.ContentType;
        var message = string.Create(CultureInfo.InvariantCulture, $"{image.Name} image, {image.Width}×{image.Height}, served at {mediaPath}.")
            + (named ? string.Empty : $" Its content is {image.Name} although its name ends with '{Path.GetExtension(blobName)}'; it is served as {image.ContentType}.");
        return await RecordAsync(blobName, blob, source, SourceStatus.Published, message, mediaPath, cancellationToken);
    }

    /// <summary>Takes an image down: pages that show it leave it out (with a warning) from their next render.</summary>
    public async Task<PublishResult> RemoveAsync(string blobName, SourceEntity source, CancellationToken cancellationToken)
    {
        await media.DeleteAsync(blobName, cancellationToken);
        await RenderShowingAsync(blobName, cancellationToken);
        await repository.DeleteSourceAsync(blobName, cancellationToken);
        LogRemoved(blobName);
        return new PublishResult(blobName, PublishStatus.Removed, null, source.Message);
    }

    /// <summary>What the bytes are, whatever the file is called: null unless a JPEG, PNG, WebP or GIF image with a size.</summary>
    public static MediaInfo? Inspect(byte[] content)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width <= 0 || codec.Info.Height <= 0)
        {
            return null;
        }
        return codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Jpeg => new MediaInfo("JPEG", "image/jpeg", ".jpg", codec.Info.Width, codec.Info.Height),
            SKEncodedImageFormat.Png => new MediaInfo("PNG", "image/png", ".png", codec.Info.Width, codec.Info.Height),
            SKEncodedImageFormat.Webp => new MediaInfo("WebP", "image/webp", ".webp", codec.Info.Width, codec.Info.Height),
            SKEncodedImageFormat.Gif => new MediaInfo("GIF", "image/gif", ".gif", codec.Info.Width, codec.Info.Height),
            _ => null,
        };
    }

    private static string? TypeOfExtension(string extension) => extension.ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        _ => null,
    };

    /// <summary>A URL-safe name from the upload's (<c>Affiche Sony.JPG</c> → <c>affiche-sony.jpg</c>), with the extension of the real type.</summary>
    private static string FileName(string blobName, string extension) =>
        (Slugs.From(Path.GetFileNameWithoutExtension(blobName)) is { Length: > 0 } name ? name : "image") + extension;

    private static string Mebibytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture);

    private async Task RenderShowingAsync(string blobName, CancellationToken cancellationToken)
    {
        var showing = await citingPages.FirstPagesAsync([ReferenceKeys.Media(blobName)], except: null, cancellationToken);
        await queue.EnqueueAsync(showing.Slugs, cancellationToken, citing: showing.Continuations);
    }

    private async Task<PublishResult> RecordAsync(string blobName, SourceBlob blob, SourceEntity? source, SourceStatus status, string message, string? mediaPath, CancellationToken cancellationToken)
    {
        try
        {
            await repository.SaveSourceAsync(new SourceEntity
            {
                PartitionKey = TableKeys.ForBlobName(blobName),
                BlobName = blobName,
                Status = status.ToString(),
                Message = message,
                MediaPath = mediaPath ?? source?.MediaPath,
                ContentMd5 = blob.Md5,
                BlobETag = blob.ETag,
                BlobLastModified = blob.LastModified,
                IngestVersion = Version,
                ProcessedAt = time.GetUtcNow(),
            }, source, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            // Another delivery recorded this blob meantime: the row and the renders above are idempotent, its record stands.
            LogConcurrentWrite(blobName);
        }
        if (status == SourceStatus.Failed)
        {
            LogFailed(blobName, message);
            return new PublishResult(blobName, PublishStatus.Failed, null, message);
        }
        LogPublished(blobName, mediaPath!);
        return new PublishResult(blobName, PublishStatus.Published, null, message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published image {BlobName} at {MediaPath}")]
    private partial void LogPublished(string blobName, string mediaPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Image {BlobName} could not be published: {Reason}")]
    private partial void LogFailed(string blobName, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Image {BlobName} is unchanged since it was last processed; nothing written")]
    private partial void LogUnchanged(string blobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Image {BlobName} was deleted; the pages showing it are rendered again")]
    private partial void LogRemoved(string blobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Concurrent write while recording image {BlobName}; the other delivery's record stands")]
    private partial void LogConcurrentWrite(string blobName);
}

/// <summary>What an image file really is: its type's name, MIME type and usual extension, and its size in pixels.</summary>
public sealed record MediaInfo(string Name, string ContentType, string Extension, int Width, int Height);
