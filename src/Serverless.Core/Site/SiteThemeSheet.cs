using Azure;
using Azure.Storage.Blobs.Models;
using Serverless.Core.Configuration;
using Serverless.Core.Rendering;
using Serverless.Core.Storage;

namespace Serverless.Core.Site;

/// <summary>
/// Keeps this instance's <see cref="SiteLayout.Theme"/> up to date with the uploaded <see cref="ThemeUpload.FileName"/>:
/// one conditional read of its first <see cref="ThemeUpload.MaxBytes"/> + 1 bytes (304 while it is unchanged), made
/// when the last is older than the caller needs. A sheet over the limit is left out (the reconciliation lists it:
/// <see cref="Admin.ThemeUploadWatcher"/>).
/// </summary>
public sealed class SiteThemeSheet(StorageClients storage, SiteOptions site, SiteLayout layout, TimeProvider time) : IDisposable
{
    /// <summary>How old a read may be for a page rendered when no change asks for a fresher one.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private DateTimeOffset? _readAt;
    private ETag? _etag;

    /// <summary>
    /// Makes sure the layout's theme comes from a read made after <paramref name="freshAfter"/> (the change a render
    /// answers: its message's time), or within <see cref="MaxAge"/> when null.
    /// </summary>
    public async Task RefreshAsync(DateTimeOffset? freshAfter, CancellationToken cancellationToken)
    {
        var needed = freshAfter ?? time.GetUtcNow() - MaxAge;
        if (_readAt > needed)
        {
            return;
        }
        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (_readAt > needed)
            {
                return;
            }
            var startedAt = time.GetUtcNow();
            await ReadAsync(cancellationToken);
            _readAt = startedAt;
        }
        finally
        {
            _reading.Release();
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var blob = storage.Site.GetBlobClient(ThemeUpload.FileName);
        try
        {
            var response = await blob.DownloadContentAsync(new BlobDownloadOptions
            {
                Range = new HttpRange(0, ThemeUpload.MaxBytes + 1),
                Conditions = _etag is { } known ? new BlobRequestConditions { IfNoneMatch = known } : null,
            }, cancellationToken);
            if (response.GetRawResponse().Status == 304)
            {
                return; // unchanged since the last read
            }
            var download = response.Value;
            var bytes = download.Content.ToMemory();
            layout.Use(bytes.Length > ThemeUpload.MaxBytes ? new SiteTheme(site) : new SiteTheme(site, bytes.Span));
            _etag = download.Details.ETag;
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 416)
        {
            // None uploaded, or an empty one (a range of an empty blob is unsatisfiable).
            layout.Use(new SiteTheme(site));
            _etag = null;
        }
    }

    public void Dispose() => _reading.Dispose();
}
