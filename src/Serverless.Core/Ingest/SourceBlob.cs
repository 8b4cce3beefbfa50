using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;

namespace Serverless.Core.Ingest;

/// <summary>An uploaded article as downloaded: its bytes (null when over the size limit) and what storage knows about it.</summary>
internal sealed record SourceBlob(byte[]? Content, long Length, string Md5, string ETag, DateTimeOffset Created, DateTimeOffset LastModified)
{
    /// <summary>One streaming download that stops reading past <paramref name="maxBytes"/>; null when the blob does not exist.</summary>
    public static async Task<SourceBlob?> DownloadAsync(BlobClient blob, int maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            var details = download.Value.Details;
            await using var stream = download.Value.Content;
            byte[]? content = null;
            if (details.ContentLength <= maxBytes)
            {
                using var buffer = new MemoryStream((int)details.ContentLength);
                await stream.CopyToAsync(buffer, cancellationToken);
                content = buffer.ToArray();
            }
            return new SourceBlob(content, details.ContentLength, Md5Of(content, details.ContentHash), details.ETag.ToString(),
                details.CreatedOn, details.LastModified);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Base64 MD5, the form storage reports as Content-MD5 in listings, so reconciliation can tell changed blobs
    /// without downloading them. Computed here when we have the bytes: blobs uploaded in blocks carry none.
    /// MD5 serves change detection only, never security.
    /// </summary>
    private static string Md5Of(byte[]? content, byte[]? reported) =>
#pragma warning disable CA5351 // See above: a change detector comparable with Azure's Content-MD5, not a security hash.
        content is not null ? Convert.ToBase64String(MD5.HashData(content))
#pragma warning restore CA5351
        : reported is { Length: > 0 } ? Convert.ToBase64String(reported) : string.Empty;
}
