using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Caching.Memory;

namespace Serverless.Core.Storage;

/// <summary>
/// Content-addressed blobs, one per version (<c>{slug}/{hash}.html</c>): a new version is written beside the current
/// one and the article record is switched to it afterwards, so a failure never leaves readers without one. A version
/// never changes, so one read or written lately may be answered from <paramref name="recent"/>, when given.
/// </summary>
public abstract class VersionedBlobs(BlobContainerClient container, StorageClients storage, MemoryCache? recent = null)
{
    public static string BlobNameFor(string slug, string hash) => $"{TableKeys.ForSlug(slug)}/{hash}.html";

    public async Task SaveAsync(string blobName, ReadOnlyMemory<byte> html, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(html), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8" },
        }, cancellationToken);
        Hold(blobName, html.ToArray());
    }

    /// <summary>The blob's bytes, or null if it is gone (e.g. replaced between reading the record and the blob).</summary>
    public async Task<byte[]?> ReadAsync(string blobName, CancellationToken cancellationToken)
    {
        if (recent?.TryGetValue(blobName, out byte[]? held) == true)
        {
            return held;
        }
        try
        {
            var content = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return Hold(blobName, content.Value.Content.ToArray());
        }
        catch (RequestFailedException exception) when (exception.IsStatus(404))
        {
            return null;
        }
    }

    public Task DeleteAsync(string blobName, CancellationToken cancellationToken) =>
        container.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    private byte[] Hold(string blobName, byte[] content)
    {
        recent?.Set(blobName, content, new MemoryCacheEntryOptions { Size = content.Length });
        return content;
    }
}

/// <summary>Rendered pages, as served to readers.</summary>
public sealed class PageStore(StorageClients storage) : VersionedBlobs(storage.Pages, storage);
