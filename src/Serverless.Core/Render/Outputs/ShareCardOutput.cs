using Microsoft.Extensions.Logging;
using Serverless.Core.Configuration;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Render.Outputs;

/// <summary>
/// The share card of a served article (the image it shares when it has none of its own, and the 1200×630 image of
/// its structured data): drawn when its version
/// (<see cref="ShareCardRenderer.VersionOf"/>) changes, stored beside the previous one, which is then deleted; deleted
/// when the article is retracted. Its state is the version stored (<see cref="ArticleOutputsEntity.ShareCardVersion"/>),
/// so a render that changes nothing on the card costs no request.
/// </summary>
public sealed partial class ShareCardOutput(ShareCardStore cards, SiteOptions site, ILogger<ShareCardOutput> logger) : IArticleOutput
{
    public string Name => ArticleOutputsEntity.ShareCardOutputName;

    public async Task<string?> ApplyAsync(StoredArticle article, string? previous, PendingWork pending, CancellationToken cancellationToken)
    {
        var stored = previous;
        var wanted = article.IsServed ? ShareCardRenderer.VersionOf(article, site) : null;
        if (wanted == stored)
        {
            return stored;
        }
        if (wanted is not null)
        {
            var blobName = ShareCardStore.BlobNameFor(article.Slug, wanted);
            // Drawn and written in one conditional request: asking first whether an earlier attempt stored it (a crash
            // before its state was saved) cost every new card a request, one per article in an import.
            var png = ShareCardRenderer.Render(ShareCardContent.For(article, site));
            if (await cards.SaveAsync(blobName, png, cancellationToken))
            {
                LogDrawn(article.Slug, wanted, png.Length);
            }
        }
        if (stored is not null)
        {
            await cards.DeleteAsync(ShareCardStore.BlobNameFor(article.Slug, stored), cancellationToken);
        }
        return wanted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Slug}: share card {Version} drawn ({Bytes} bytes)")]
    private partial void LogDrawn(string slug, string version, int bytes);
}
