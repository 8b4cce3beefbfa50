using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Serverless.Core.Storage;

namespace Serverless.Core.Http;

/// <summary>
/// Published images (<c>/media/{hash}/{name}-{width}.{format}</c>) from the media container with their type, held
/// briefly in memory (<see cref="ServedResponses"/>) as pages are. A file never changes, but it can be taken down: it
/// is cached as pages are (<see cref="Configuration.SiteOptions.CacheSeconds"/>), not for a year, so a deleted image
/// leaves browsers and CDNs as soon as a deleted article does; its ETag makes every check after that a 304 without a body.
/// </summary>
public sealed partial class MediaHandlers(MediaStore media, ServedResponses served, Configuration.SiteOptions site)
{
    public async Task<IResult> GetMediaAsync(HttpRequest request, string path, CancellationToken cancellationToken)
    {
        var response = request.HttpContext.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        var image = MediaPath().IsMatch(path)
            ? await served.GetAsync("media:" + path, (Media: media, Path: path), static (state, token) => LoadAsync(state.Media, state.Path, token), cancellationToken)
            : null;
        if (image is not { Status: ServedStatus.Ok })
        {
            HttpCaching.SetNotCacheable(response);
            return Results.NotFound();
        }
        response.Headers.CacheControl = HttpCaching.Public(site.CacheSeconds);
        // The framework answers If-None-Match with 304 from the entity tag.
        return image.Result!;
    }

    private static async Task<ServedResponse> LoadAsync(MediaStore media, string path, CancellationToken cancellationToken)
    {
        if (await media.OpenAsync(path, cancellationToken) is not { } blob)
        {
            return ServedResponse.Without(ServedStatus.NotFound);
        }
        using var content = new MemoryStream(checked((int)blob.Details.ContentLength));
        await using (blob.Content)
        {
            await blob.Content.CopyToAsync(content, cancellationToken);
        }
        return new ServedResponse(ServedStatus.Ok, content.ToArray(), blob.Details.ContentType, "\"" + path[..32] + "\"", blob.Details.LastModified);
    }

    /// <summary>The names <see cref="Ingest.MediaIngester"/> writes: a 32-hex-digit hash, a URL-safe file name, an image extension.</summary>
    [GeneratedRegex("^[0-9a-f]{32}/[a-z0-9-]+\\.(?:jpg|png|webp|gif|avif)$")]
    private static partial Regex MediaPath();
}
