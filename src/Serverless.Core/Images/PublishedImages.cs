using Serverless.Core.Linking;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Images;

/// <summary>A media row as pages show it, with absolute URLs.</summary>
public static class PublishedImages
{
    public static PublishedImage From(MediaEntity row, SiteUrls urls) => new(urls.Media(row.MediaBlob), row.Width, row.Height, row.ContentType)
    {
        Variants = [.. row.Variants.Select(variant => new PublishedVariant(urls.Media(variant.Blob), variant.ContentType, variant.Width))],
        Share = row.ShareBlob is { } share ? new PublishedImage(urls.Media(share), row.ShareWidth, row.ShareHeight, "image/jpeg") : null,
    };
}
