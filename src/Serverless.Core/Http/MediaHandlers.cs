using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Serverless.Core.Storage;

namespace Serverless.Core.Http;

/// <summary>
/// Published images (<c>/media/{hash}/{name}</c>), streamed from the media container with their type. The name holds
/// the content's hash, so the answer never changes: browsers and CDNs keep it a year without asking again.
/// </summary>
public sealed partial class MediaHandlers(MediaStore media)
{
    public async Task<IResult> GetMediaAsync(HttpRequest request, string path, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        if (!MediaPath().IsMatch(path) || await media.OpenAsync(path, cancellationToken) is not { } blob)
        {
            HttpCaching.SetNotCacheable(response);
            return Results.NotFound();
        }
        response.Headers.CacheControl = MediaStore.CacheControl;
        // The framework answers If-None-Match with 304 from the entity tag.
        return Results.Stream(blob.Content, blob.Details.ContentType, lastModified: blob.Details.LastModified,
            entityTag: new EntityTagHeaderValue("\"" + path[..32] + "\""));
    }

    /// <summary>The names <see cref="Publishing.MediaIngester"/> writes: a 32-hex-digit hash, a URL-safe file name, an image extension.</summary>
    [GeneratedRegex("^[0-9a-f]{32}/[a-z0-9-]+\\.(?:jpg|png|webp|gif)$")]
    private static partial Regex MediaPath();
}
