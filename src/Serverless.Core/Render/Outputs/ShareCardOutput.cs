using Microsoft.Extensions.Logging;
using Serverless.Core.Configuration;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Render.Outputs;

/// <summary>
/// The share card of a served article (the image it shares when it has none of its own, and the 1200×630 image of
/// its structured data): drawn when its version
/// (<see cref="ShareCardRenderer.VersionOf"/>) changes, stored beside the previous one, which is then deleted; deleted
/// when the article is retracted. The record keeps the version stored
/// (<see cref="ArticleEntity.ShareCardVersion"/>), so a render that changes nothing on the card costs no request.
/// </summary>
public sealed partial class ShareCardOutput(ShareCardStore cards, SiteOptions site, ILogger<ShareCardOutput> logger) : IArticleOutput
{
    public async Task ApplyAsync(ArticleEntity article, PendingWork pending, CancellationToken cancellationToken)
    {
        var wanted = article.IsServed ? ShareCardRenderer.VersionOf(article, site) : null;
        var stored = article.ShareCardVersion;
        if (wanted == stored)
        {
            return;
        }
        if (wanted is not null)
        {
            var blobName = ShareCardStore.BlobNameFor(article.Slug, wanted);
            // Drawn already if an earlier attempt stored it but its record was not saved: drawing again would be wasted.
            if (!await cards.ExistsAsync(blobName, cancellationToken))
            {
                var png = ShareCardRenderer.Render(ShareCardContent.For(article, site));
                await cards.SaveAsync(blobName, png, cancellationToken);
                LogDrawn(article.Slug, wanted, png.Length);
            }
        }
        if (stored is not null)
        {
            await cards.DeleteAsync(ShareCardStore.BlobNameFor(article.Slug, stored), cancellationToken);
        }
        // Saved by the publisher with the rest of the record once every output is done.
        article.ShareCardVersion = wanted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Slug}: share card {Version} drawn ({Bytes} bytes)")]
    private partial void LogDrawn(string slug, string version, int bytes);
}
