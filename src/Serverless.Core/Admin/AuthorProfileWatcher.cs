using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Serverless.Core.Site;
using Serverless.Core.Storage;

namespace Serverless.Core.Admin;

/// <summary>
/// Notices, on each reconciliation pass, that an author's profile file (<see cref="AuthorProfile.FileOf"/>) was
/// uploaded, changed or deleted (no event fires for the site container), and asks for what shows it: the author's page
/// and feed, and the pages of the articles they wrote first (their fediverse:creator). A pass costs a listing of the
/// <c>authors/</c> files (profiles and author pages, 5,000 a request) and a query of the state rows (1,000 a request).
/// A profile's row is written after its renders are asked for, so a crash between the two asks again on the next pass.
/// </summary>
public sealed partial class AuthorProfileWatcher(StorageClients storage, ArticleRepository repository, SiteFileRequests siteFiles, RenderQueueClient renders,
    ILogger<AuthorProfileWatcher> logger)
{
    /// <summary>How many profiles changed since the last pass (each had its pages asked for).</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var uploaded = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var blob in storage.Site.GetBlobsAsync(new GetBlobsOptions { Prefix = AuthorProfile.Folder }, cancellationToken))
        {
            if (AuthorProfile.SlugOfFile(blob.Name) is { } slug)
            {
                uploaded[slug] = blob.Properties.ETag?.ToString() ?? string.Empty;
            }
        }
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var row in storage.SourcesTable.QueryAsync<AuthorProfileStateEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {AuthorProfileStateEntity.Partition}"), cancellationToken: cancellationToken))
        {
            known[row.RowKey] = row.UploadETag;
        }
        var changed = uploaded.Where(file => known.GetValueOrDefault(file.Key) != file.Value).Select(file => file.Key)
            .Concat(known.Keys.Where(slug => !uploaded.ContainsKey(slug))).ToList();
        foreach (var slug in changed)
        {
            var articles = await RequestPagesAsync(slug, cancellationToken);
            if (uploaded.TryGetValue(slug, out var etag))
            {
                await storage.SourcesTable.UpsertEntityAsync(new AuthorProfileStateEntity { RowKey = slug, UploadETag = etag }, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await storage.SourcesTable.DeleteEntityAsync(AuthorProfileStateEntity.Partition, slug, ETag.All, cancellationToken);
            }
            LogProfileChanged(slug, articles);
        }
        return changed.Count;
    }

    /// <summary>The author's page and feed, and the renders of every article they wrote first, read from their listing a page of 1,000 at a time.</summary>
    private async Task<int> RequestPagesAsync(string authorSlug, CancellationToken cancellationToken)
    {
        await siteFiles.RequestAsync([SiteFileKey.Author(authorSlug)], cancellationToken);
        var articles = new List<string>();
        await foreach (var row in repository.ListAuthorRowsAsync(authorSlug, cancellationToken))
        {
            if (AuthorProfiles.FirstAuthorSlug(row.Authors) == authorSlug)
            {
                articles.Add(row.Slug);
            }
        }
        await renders.EnqueueAsync(articles, cancellationToken);
        return articles.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The profile of author {Author} changed: their page and {Articles} article pages are rendered again")]
    private partial void LogProfileChanged(string author, int articles);
}
