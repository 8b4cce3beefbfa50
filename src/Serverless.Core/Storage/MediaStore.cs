using Azure;
using Azure.Storage.Blobs.Models;
using Serverless.Core.Linking;

namespace Serverless.Core.Storage;

/// <summary>
/// Published images: the content-addressed copies in the media container, and their rows in the media table.
/// A copy never changes once written, so it is served with immutable cache headers.
/// </summary>
public sealed class MediaStore(StorageClients storage)
{
    /// <summary>Sent with every image: a year, and never revalidated; a new content gets a new name.</summary>
    public const string CacheControl = "public, max-age=31536000, immutable";

    /// <summary>The row of the image named by <paramref name="mediaKey"/> (a <see cref="ReferenceKeys.Media"/> key); null while none is published.</summary>
    public async Task<MediaEntity?> GetByKeyAsync(string mediaKey, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return await storage.MediaTable.GetOrNullAsync<MediaEntity>(ReferenceKeys.MediaBlobKey(mediaKey), TableKeys.MediaRow, cancellationToken);
    }

    public Task<MediaEntity?> GetAsync(string blobName, CancellationToken cancellationToken) =>
        GetByKeyAsync(ReferenceKeys.Media(blobName), cancellationToken);

    public Task SaveAsync(MediaEntity media, CancellationToken cancellationToken) =>
        storage.MediaTable.UpsertEntityAsync(media, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);

    public async Task DeleteAsync(string blobName, CancellationToken cancellationToken) =>
        await storage.MediaTable.DeleteEntityAsync(TableKeys.ForBlobName(blobName), TableKeys.MediaRow, ETag.All, cancellationToken);

    /// <summary>Writes the copy with the headers readers get; the same content written again is the same blob.</summary>
    public async Task UploadAsync(string mediaBlob, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await storage.Media.GetBlobClient(mediaBlob).UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType, CacheControl = CacheControl },
        }, cancellationToken);
    }

    /// <summary>The copy's content and properties, streamed; null when there is none.</summary>
    public async Task<BlobDownloadStreamingResult?> OpenAsync(string mediaBlob, CancellationToken cancellationToken)
    {
        try
        {
            return (await storage.Media.GetBlobClient(mediaBlob).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException exception) when (exception.IsStatus(404))
        {
            return null;
        }
    }
}
