using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Microsoft.Extensions.Logging;
using Serverless.Core.Configuration;
using Serverless.Core.Images;
using Serverless.Core.Linking;
using Serverless.Core.Parsing;
using Serverless.Core.Render;
using Serverless.Core.Storage;

namespace Serverless.Core.Ingest;

/// <summary>
/// Stage 1 for an image uploaded beside the articles (<c>2014/sony/poster.jpg</c>): checks what the bytes really are
/// (JPEG, PNG, WebP or GIF, within <see cref="ImageProcessor.MaxPixels"/>), makes its variants and shared image
/// (<see cref="ImageProcessor"/>: every width, WebP, AVIF, the fallback format, no metadata), writes them under the
/// version's folder, records the version in the media table under the key articles name it by, and renders again the
/// articles that show it. A file refused ends as status Failed with a message; a previous version stays served.
/// </summary>
/// <remarks>
/// Crash-safe in this order: the files, then the row that points at them, then the renders, then the source record
/// that settles the blob. A delivery that stops anywhere leaves the blob unsettled, and the next one finishes the work:
/// files are content-addressed and written again identically; a row already pointing at this version skips them.
/// </remarks>
public sealed partial class MediaIngester(
    MediaStore media,
    ArticleRepository repository,
    CitingPagesFanout citingPages,
    RenderQueueClient queue,
    SiteOptions site,
    TimeProvider time,
    ILogger<MediaIngester> logger)
{
    /// <summary>
    /// Bump when what is published for an image changes; the size limit is part of the version, so a raised limit retries refused files.
    /// 2: variants (widths, WebP, AVIF, fallback), the shared 1.91:1 JPEG, metadata stripped.
    /// </summary>
    public const string Processor = "2";

    /// <summary>
    /// How long a replaced version's files stay served: pages and feeds cached before the replacement (for
    /// <see cref="SiteOptions.CacheSeconds"/>, a browser's back button, a feed reader) keep their pictures meanwhile.
    /// The reconciliation deletes them after it. A deleted image is taken down at once, every version.
    /// </summary>
    public static readonly TimeSpan ReplacedGrace = TimeSpan.FromHours(1);

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

        var version = VersionOf(blobName, blob.Content);
        var row = await media.GetAsync(blobName, cancellationToken);
        if (row is null || FolderOf(row.MediaBlob) != version)
        {
            ProcessedImage image;
            try
            {
                image = ImageProcessor.Process(blob.Content);
            }
            catch (ImageRefusedException refused)
            {
                return await RecordAsync(blobName, blob, source, SourceStatus.Failed, refused.Message, mediaPath: null, cancellationToken);
            }
            row = await PublishAsync(blobName, version, image, cancellationToken);
        }
        // Also after a delivery that wrote the row and stopped: the pages showing the image may not have been asked yet.
        await RenderShowingAsync(blobName, cancellationToken);
        var mediaPath = "/media/" + row.MediaBlob;
        return await RecordAsync(blobName, blob, source, SourceStatus.Published, row.Message ?? string.Empty, mediaPath, cancellationToken);
    }

    /// <summary>Writes every file of the version, then the row that points at them.</summary>
    private async Task<MediaEntity> PublishAsync(string blobName, string version, ProcessedImage image, CancellationToken cancellationToken)
    {
        var name = version + "/" + BaseName(blobName) + "-";
        foreach (var file in image.Variants.Append(image.Share))
        {
            await media.UploadAsync(name + file.Name, file.Bytes, file.ContentType, cancellationToken);
        }
        var largest = image.Variants.Last(variant => variant.Width == image.Width && variant.ContentType is "image/jpeg" or "image/png");
        var row = new MediaEntity
        {
            PartitionKey = TableKeys.ForBlobName(blobName),
            BlobName = blobName,
            MediaBlob = name + largest.Name,
            ContentType = largest.ContentType,
            Width = image.Width,
            Height = image.Height,
            Length = largest.Bytes.Length,
            Variants = [.. image.Variants.Select(variant => new ImageVariant(name + variant.Name, variant.ContentType, variant.Width, variant.Height, variant.Bytes.Length))],
            ShareBlob = name + image.Share.Name,
            ShareWidth = image.Share.Width,
            ShareHeight = image.Share.Height,
            ShareLength = image.Share.Bytes.Length,
            Message = Describe(blobName, image, "/media/" + name + largest.Name),
        };
        await media.SaveAsync(row, cancellationToken);
        return row;
    }

    /// <summary>
    /// Takes an image down: the row goes first (no render shows it from then on), the pages showing it are rendered
    /// again (its alt text in its place), every version's files are deleted, and the source record last, so a
    /// delivery that stops anywhere is finished by the next.
    /// </summary>
    public async Task<PublishResult> RemoveAsync(string blobName, SourceEntity source, CancellationToken cancellationToken)
    {
        await media.DeleteAsync(blobName, cancellationToken);
        await RenderShowingAsync(blobName, cancellationToken);
        foreach (var version in source.RetiredMedia.Select(retired => retired.Version).Prepend(source.MediaPath is { } path ? FolderOf(path) : null).OfType<string>())
        {
            await media.DeleteVersionAsync(version, cancellationToken);
        }
        await repository.DeleteSourceAsync(blobName, cancellationToken);
        LogRemoved(blobName);
        return new PublishResult(blobName, PublishStatus.Removed, null, source.Message);
    }

    /// <summary>True when a replaced version of the image has been served past <see cref="ReplacedGrace"/>: <see cref="ReclaimAsync"/> has files to delete.</summary>
    public bool HasExpiredVersions(SourceEntity source) =>
        source.RetiredMediaJson is not null && source.RetiredMedia.Any(retired => retired.RetiredAt + ReplacedGrace <= time.GetUtcNow());

    /// <summary>Deletes the files of the versions replaced more than <see cref="ReplacedGrace"/> ago, then forgets them.</summary>
    public async Task ReclaimAsync(SourceEntity source, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expired = source.RetiredMedia.Where(retired => retired.RetiredAt + ReplacedGrace <= now).ToList();
        foreach (var retired in expired)
        {
            await media.DeleteVersionAsync(retired.Version, cancellationToken);
        }
        var remaining = source.RetiredMedia.Except(expired).ToList();
        source.RetiredMedia = remaining;
        try
        {
            await repository.SaveSourceAsync(source, source, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 409 or 412)
        {
            // Ingested or deleted meanwhile: that delivery carried the list over; the next pass finds what is left to forget.
            LogConcurrentWrite(source.BlobName);
        }
        LogReclaimed(source.BlobName, expired.Count);
    }

    /// <summary>What the author reads in the status.</summary>
    private static string Describe(string blobName, ProcessedImage image, string mediaPath)
    {
        var source = image.Source;
        var formats = string.Join(", ", image.Variants.Select(variant => variant.ContentType["image/".Length..].ToUpperInvariant()).Distinct());
        var widths = image.Variants.Select(variant => variant.Width).Distinct().ToList();
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{source.Name} image, {source.Width}×{source.Height}, served at {mediaPath} in {widths.Count} width{(widths.Count > 1 ? "s" : "")} ({string.Join(", ", widths)}) as {formats}, "
            + $"shared as a {image.Share.Width}×{image.Share.Height} JPEG of {image.Share.Bytes.Length / 1024} KB; its metadata (EXIF, GPS, XMP, IPTC) is removed.");
        var named = TypeOfExtension(Path.GetExtension(blobName)) == source.ContentType;
        if (!named)
        {
            message += $" Its content is {source.Name} although its name ends with '{Path.GetExtension(blobName)}'.";
        }
        return string.Concat(message, string.Concat(image.Notes.Select(note => " Note: " + note + ".")));
    }

    /// <summary>The folder of a version: a hash of the processor, the blob's name and its content, so two uploads never share files and a deletion takes down only its own.</summary>
    private static string VersionOf(string blobName, byte[] content)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(Processor + "\n" + blobName + "\n"));
        hash.AppendData(content);
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..32];
    }

    /// <summary>The version's folder in a media blob name or path (<c>/media/{hash}/…</c> or <c>{hash}/…</c>).</summary>
    private static string FolderOf(string mediaBlobOrPath)
    {
        var blob = mediaBlobOrPath.StartsWith("/media/", StringComparison.Ordinal) ? mediaBlobOrPath["/media/".Length..] : mediaBlobOrPath;
        return blob[..blob.IndexOf('/', StringComparison.Ordinal)];
    }

    private static string? TypeOfExtension(string extension) => extension.ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        _ => null,
    };

    /// <summary>A URL-safe name from the upload's (<c>Affiche Sony.JPG</c> → <c>affiche-sony</c>).</summary>
    private static string BaseName(string blobName) =>
        Slugs.From(Path.GetFileNameWithoutExtension(blobName)) is { Length: > 0 } name ? name : "image";

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
                RetiredMedia = Retired(source, mediaPath),
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

    /// <summary>The replaced versions still served: the source's, and its published version when this one replaces it.</summary>
    private List<RetiredMedia> Retired(SourceEntity? source, string? mediaPath)
    {
        var retired = source?.RetiredMedia.ToList() ?? [];
        if (source?.MediaPath is { } previous && mediaPath is not null && FolderOf(previous) != FolderOf(mediaPath)
            && retired.All(version => version.Version != FolderOf(previous)))
        {
            retired.Add(new RetiredMedia(FolderOf(previous), time.GetUtcNow()));
        }
        return retired;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published image {BlobName} at {MediaPath}")]
    private partial void LogPublished(string blobName, string mediaPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Image {BlobName} could not be published: {Reason}")]
    private partial void LogFailed(string blobName, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Image {BlobName} is unchanged since it was last processed; nothing written")]
    private partial void LogUnchanged(string blobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Image {BlobName} was deleted; the pages showing it are rendered again")]
    private partial void LogRemoved(string blobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Image {BlobName}: the files of {Count} replaced versions were deleted after the grace period")]
    private partial void LogReclaimed(string blobName, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Concurrent write while recording image {BlobName}; the other delivery's record stands")]
    private partial void LogConcurrentWrite(string blobName);
}
