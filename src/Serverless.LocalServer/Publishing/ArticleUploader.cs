using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs.Models;
using Serverless.Core.Storage;

namespace Serverless.LocalServer.Publishing;

/// <summary>
/// Puts an author's files into the articles container, the way any storage client would: the sample articles, the
/// watched folder and the <c>upload</c> command all go through here. Unchanged content is not uploaded again.
/// </summary>
public sealed class ArticleUploader(StorageClients storage)
{
    public enum Outcome { Uploaded, Unchanged, AlreadyExists }

    /// <summary>What the publisher publishes: articles, and the images uploaded beside them. Anything else is ignored.</summary>
    public static readonly IReadOnlyList<string> PublishedExtensions = [".md", ".markdown", ".txt", ".jpg", ".jpeg", ".png", ".webp", ".gif"];

    public static bool IsImage(string path) => Path.GetExtension(path).ToLowerInvariant() is ".jpg" or ".jpeg" or ".png" or ".webp" or ".gif";

    public static bool IsPublished(string path) => PublishedExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <param name="overwrite">False: never replace an existing blob (the blob, not a local file, is the source of truth).</param>
    /// <param name="metadata">Stored with the blob when it is uploaded (not when its content was there already).</param>
    public async Task<Outcome> UploadAsync(string blobName, byte[] content, bool overwrite, CancellationToken cancellationToken,
        IDictionary<string, string>? metadata = null)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var blob = storage.Articles.GetBlobClient(blobName);
        if (overwrite)
        {
            try
            {
                var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
#pragma warning disable CA5351 // Compared with the Content-MD5 storage keeps; not a security use.
                if (properties.Value.ContentHash is { Length: > 0 } md5 && md5.AsSpan().SequenceEqual(MD5.HashData(content)))
#pragma warning restore CA5351
                {
                    return Outcome.Unchanged;
                }
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
            }
        }
        try
        {
            await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = ContentTypeOf(blobName) },
                Metadata = metadata,
                Conditions = overwrite ? null : new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            return Outcome.Uploaded;
        }
        catch (RequestFailedException exception) when (!overwrite && exception.Status == 409)
        {
            return Outcome.AlreadyExists;
        }
    }

    /// <returns>False when there was no such blob.</returns>
    public async Task<bool> DeleteAsync(string blobName, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return await storage.Articles.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>True when the container holds no blob at all: one listing request.</summary>
    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await foreach (var page in storage.Articles.GetBlobsAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
        {
            return page.Values.Count == 0;
        }
        return true;
    }

    /// <summary>The names of the blobs whose metadata holds <paramref name="key"/> = <paramref name="value"/>: one listing request per 5,000 blobs.</summary>
    public async IAsyncEnumerable<string> NamesTaggedAsync(string key, string value, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await foreach (var blob in storage.Articles.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken))
        {
            if (blob.Metadata.TryGetValue(key, out var tagged) && tagged == value)
            {
                yield return blob.Name;
            }
        }
    }

    /// <summary>The blob's address, as storage events name it.</summary>
    public Uri UriOf(string blobName) => storage.Articles.GetBlobClient(blobName).Uri;

    /// <summary>Base64 MD5 of the blob's current content, as storage reports it; null when there is no such blob.</summary>
    public async Task<string?> CurrentMd5Async(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await storage.Articles.GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.ContentHash is { Length: > 0 } md5 ? Convert.ToBase64String(md5) : null;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// A folder of the container as an author types it (<c>2024/12</c>, <c>/2024/12/</c>, <c>2024\12</c>), normalised;
    /// empty for none.
    /// </summary>
    /// <exception cref="ArgumentException">A <c>.</c> or <c>..</c> part, which storage would not keep as typed.</exception>
    public static string NormalizeFolder(string? folder)
    {
        var parts = WithBlobSeparators(folder ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Any(part => part is "." or ".."))
        {
            throw new ArgumentException(
                $"--folder '{folder}' cannot be used: a folder of the container is a path without '.' or '..' parts, such as 2024/12.");
        }
        return string.Join('/', parts);
    }

    /// <summary>
    /// Blob names use '/' between folders whatever the local file system does. A '\' is a separator on Windows; elsewhere
    /// it is a character of a file's name, but Azure Storage (and Azurite) turns a '\' in a blob name into '/' all the
    /// same, so it becomes one here too, and <see cref="StorageSplits"/> lets the commands say so.
    /// </summary>
    public static string BlobNameFor(string root, string file) => WithBlobSeparators(Path.GetRelativePath(root, file));

    /// <summary>A path or blob name as typed, with '/' between its parts, as storage keeps it.</summary>
    public static string WithBlobSeparators(string path) => path.Replace('\\', '/');

    /// <summary>True when a file's <paramref name="relativePath"/> holds a '\' that is not a separator here, which storage makes one.</summary>
    public static bool StorageSplits(string relativePath) => Path.DirectorySeparatorChar != '\\' && relativePath.Contains('\\', StringComparison.Ordinal);

    private static string ContentTypeOf(string blobName) => Path.GetExtension(blobName).ToLowerInvariant() switch
    {
        ".md" or ".markdown" => "text/markdown; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        _ => "application/octet-stream",
    };
}
