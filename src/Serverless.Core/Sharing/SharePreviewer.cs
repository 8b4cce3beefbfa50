using Azure;
using Serverless.Core.Admin;
using Serverless.Core.Configuration;
using Serverless.Core.Storage;

namespace Serverless.Core.Sharing;

/// <summary>
/// How an uploaded article (draft, scheduled, failed or published alike) will look when shared: the page it would
/// publish (<see cref="ArticlePreviewer"/>), read back as crawlers read it, drawn by each platform's rules. Only reads:
/// the page preview's requests, plus one for the byte size of an uploaded shared image.
/// </summary>
public sealed class SharePreviewer(ArticlePreviewer previewer, ArticleRepository repository, StorageClients storage, SiteOptions site)
{
    private readonly string _mediaPrefix = site.BaseUrl + "/media/";
    private readonly string _cardPrefix = site.BaseUrl + "/og/";

    /// <summary>The blob behind a published slug, for <c>?slug=</c>; null when no article has it.</summary>
    public async Task<string?> BlobOfSlugAsync(string slug, CancellationToken cancellationToken) =>
        Parsing.Slugs.IsValid(slug) && await repository.GetArticleAsync(slug, cancellationToken) is { SourceBlob.Length: > 0 } article ? article.SourceBlob : null;

    public async Task<SharePreviewOutcome> PreviewAsync(string blobName, CancellationToken cancellationToken) =>
        await FromPageAsync(blobName, await previewer.PreviewAsync(blobName, cancellationToken), cancellationToken);

    /// <summary>How a file will look when shared once uploaded as <paramref name="blobName"/>, before it is.</summary>
    public async Task<SharePreviewOutcome> PreviewContentAsync(string blobName, byte[] content, CancellationToken cancellationToken) =>
        await FromPageAsync(blobName, await previewer.PreviewContentAsync(blobName, content, cancellationToken), cancellationToken);

    private async Task<SharePreviewOutcome> FromPageAsync(string blobName, ArticlePreview page, CancellationToken cancellationToken)
    {
        if (page.Html is null)
        {
            return new SharePreviewOutcome(blobName, page, null);
        }
        var tags = PageTags.Parse(page.Html);
        var image = tags["og:image"];
        var bytes = image is not null ? await MediaBytesAsync(image, cancellationToken) : null;
        var carriesHeadline = image is not null && image.StartsWith(_cardPrefix, StringComparison.Ordinal);
        return new SharePreviewOutcome(blobName, page, SharePreviewBuilder.Build(tags, bytes, carriesHeadline));
    }

    /// <summary>The size of an image published from the media container; null for any other (its size is not ours to know).</summary>
    private async Task<long?> MediaBytesAsync(string imageUrl, CancellationToken cancellationToken)
    {
        if (!imageUrl.StartsWith(_mediaPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        var blobName = Uri.UnescapeDataString(imageUrl[_mediaPrefix.Length..].Split('?', '#')[0]);
        try
        {
            return (await storage.Media.GetBlobClient(blobName).GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }
}
