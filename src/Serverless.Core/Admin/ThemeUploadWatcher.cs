using Azure;
using Microsoft.Extensions.Logging;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Admin;

/// <summary>
/// Notices, on each reconciliation pass, that the operator uploaded, changed or deleted <see cref="ThemeUpload.FileName"/>
/// (no event fires for the site container), and republishes every page: each names the sheet's new version in its URL.
/// A pass costs two reads (the blob's properties, the row of the last change). The republish starts before the row
/// records it, so a crash between the two starts it again on the next pass rather than never. The renders the republish
/// asks for read the sheet again (theirs is a read made after their message: <see cref="Site.SiteThemeSheet"/>).
/// </summary>
public sealed partial class ThemeUploadWatcher(StorageClients storage, Republisher republisher, TimeProvider time, ILogger<ThemeUploadWatcher> logger)
{
    /// <summary>Whether a change was found (and a republish started).</summary>
    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        var properties = await PropertiesAsync(cancellationToken);
        var state = await storage.SourcesTable.GetOrNullAsync<ThemeStateEntity>(TableKeys.ReconcileStatePartition, ThemeStateEntity.Row, cancellationToken);
        var uploadETag = properties?.ETag.ToString();
        if (uploadETag == state?.UploadETag)
        {
            return false;
        }
        var job = await republisher.StartAsync(cancellationToken);
        var problem = properties is { ContentLength: > ThemeUpload.MaxBytes } ? ThemeUpload.TooLargeMessage(properties.ContentLength) : null;
        await storage.SourcesTable.UpsertEntityAsync(new ThemeStateEntity { UploadETag = uploadETag, Problem = problem, CheckedAt = time.GetUtcNow() },
            Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
        LogThemeChanged(uploadETag ?? "none", job.Id);
        return true;
    }

    /// <summary>Why the uploaded sheet is left out, as the failure report lists it; null when nothing is.</summary>
    public async Task<ThemeStateEntity?> GetProblemAsync(CancellationToken cancellationToken) =>
        await storage.SourcesTable.GetOrNullAsync<ThemeStateEntity>(TableKeys.ReconcileStatePartition, ThemeStateEntity.Row, cancellationToken) is { Problem: not null } state
            ? state
            : null;

    private async Task<Azure.Storage.Blobs.Models.BlobProperties?> PropertiesAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await storage.Site.GetBlobClient(ThemeUpload.FileName).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The uploaded theme sheet changed (ETag {ETag}): republishing every page, job {JobId}")]
    private partial void LogThemeChanged(string etag, string jobId);
}
