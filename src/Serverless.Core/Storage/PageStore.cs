using Azure;
using Azure.Storage.Blobs.Models;

namespace Serverless.Core.Storage;

/// <summary>
/// Rendered pages in blob storage, one blob per version (<c>{slug}/{hash}.html</c>): a new version is written beside the
/// served one and the article record is switched to it afterwards, so a failure never leaves readers without a page.
/// </summary>
public sealed class PageStore(StorageClients storage)
{
    public static string BlobNameFor(string slug, string pageHash) => $"{TableKeys.ForSlug(slug)}/{pageHash}.html";

    public async Task SaveAsync(string blobName, ReadOnlyMemory<byte> html, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await storage.Pages.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(html), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8" },
        }, cancellationToken);
    }

    /// <summary>The page's bytes, or null if the blob is gone (e.g. replaced between reading the record and the page).</summary>
    public async Task<byte[]?> ReadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var content = await storage.Pages.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToArray();
        }
        catch (RequestFailedException exception) when (exception.IsStatus(404))
        {
            return null;
        }
    }

    public Task DeleteAsync(string blobName, CancellationToken cancellationToken) =>
        storage.Pages.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken);
}
