using Azure;
using Azure.Storage.Blobs.Models;

namespace Serverless.Core.Storage;

/// <summary>
/// Share cards, one blob per version (<c>{slug}/{version}.png</c>): a blob never changes once written, so it carries
/// the cache headers of an immutable URL, and a new version is written beside the current one before the record names it.
/// </summary>
public sealed class ShareCardStore(StorageClients storage)
{
    public const string ContentType = "image/png";

    /// <summary>A year, and never revalidated: a version's bytes never change.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    public static string BlobNameFor(string slug, string version) => $"{TableKeys.ForSlug(slug)}/{version}.png";

    /// <summary>
    /// Writes a version unless it is stored already (an earlier attempt wrote it but did not record it): one request
    /// either way, its bytes being the same. Returns whether it was written.
    /// </summary>
    public async Task<bool> SaveAsync(string blobName, ReadOnlyMemory<byte> png, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        try
        {
            await storage.Cards.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(png), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = ContentType, CacheControl = ImmutableCacheControl },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.IsStatus(409))
        {
            return false;
        }
    }

    /// <summary>The card's bytes, or null if it is gone (replaced by a newer version since the record was read).</summary>
    public async Task<byte[]?> ReadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var content = await storage.Cards.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException exception) when (exception.IsStatus(404))
        {
            return null;
        }
    }

    public Task DeleteAsync(string blobName, CancellationToken cancellationToken) =>
        storage.Cards.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken);
}
