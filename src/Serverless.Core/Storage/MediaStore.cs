using Azure;
using Azure.Storage.Blobs.Models;
using Serverless.Core.Linking;

namespace Serverless.Core.Storage;

/// <summary>
/// Published images: the files made of each version of an upload in the media container, all under the version's
/// folder (<c>{hash}/</c>), and their rows in the media table. A file never changes once written; it is deleted with
/// its version.
/// </summary>
public sealed class MediaStore(StorageClients storage)
{
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

    /// <summary>Writes a file with its type; the same file written again is the same blob.</summary>
    public async Task UploadAsync(string mediaBlob, byte[] content, string contentType, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await storage.Media.GetBlobClient(mediaBlob).UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
        }, cancellationToken);
    }

    /// <summary>Deletes every file of a version (<c>{hash}/…</c>): one listing, then one request per file; none left is no error.</summary>
    public async Task<int> DeleteVersionAsync(string version, CancellationToken cancellationToken)
    {
        var deleted = 0;
        await foreach (var blob in storage.Media.GetBlobsAsync(new GetBlobsOptions { Prefix = version + "/" }, cancellationToken))
        {
            if (await storage.Media.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken))
            {
                deleted++;
            }
        }
        return deleted;
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
