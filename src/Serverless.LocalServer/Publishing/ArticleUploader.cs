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

    /// <param name="overwrite">False: never replace an existing blob (the blob, not a local file, is the source of truth).</param>
    public async Task<Outcome> UploadAsync(string blobName, byte[] content, bool overwrite, CancellationToken cancellationToken)
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
                Conditions = overwrite ? null : new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            return Outcome.Uploaded;
        }
        catch (RequestFailedException exception) when (!overwrite && exception.Status == 409)
        {
            return Outcome.AlreadyExists;
        }
    }

    public async Task DeleteAsync(string blobName, CancellationToken cancellationToken) =>
        await storage.Articles.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    /// <summary>Blob names use forward slashes whatever the local file system does.</summary>
    public static string BlobNameFor(string root, string file) => Path.GetRelativePath(root, file).Replace('\\', '/');

    private static string ContentTypeOf(string blobName) => Path.GetExtension(blobName).ToLowerInvariant() switch
    {
        ".md" or ".markdown" => "text/markdown; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };
}
