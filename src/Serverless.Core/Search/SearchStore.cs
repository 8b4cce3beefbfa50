using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using Serverless.Core.Storage;

namespace Serverless.Core.Search;

/// <summary>
/// The index in storage. Container <c>search</c>: <c>docs/{slug}.json</c>, the document of each served article (the
/// search output's); <c>segments/{sha256}</c>, immutable Lucene files; <c>manifest.json</c>, which of them make the
/// merged index (<see cref="SearchManifest"/>). Table <c>searchchanges</c>: the articles whose document changed
/// (<see cref="SearchChangeEntity"/>).
/// </summary>
public sealed class SearchStore(BlobServiceClient blobs, TableServiceClient tables, IOptions<SearchOptions> options)
{
    private const string ManifestBlob = "manifest.json";
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.Container);
    private readonly TableClient _changes = tables.GetTableClient(options.Value.ChangesTable);
    private Task? _creation;

    /// <summary>Creates the container and table once per process (again after a failure), shared by concurrent callers.</summary>
    private Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        var creation = _creation;
        if (creation is null || creation.IsFaulted || creation.IsCanceled)
        {
            creation = _creation = Task.WhenAll(_container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None), _changes.CreateIfNotExistsAsync(CancellationToken.None));
        }
        return creation.WaitAsync(cancellationToken);
    }

    private static string DocumentBlob(string slug) => $"docs/{slug}.json";

    public async Task SaveDocumentAsync(SearchDocument document, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await _container.GetBlobClient(DocumentBlob(document.Slug)).UploadAsync(BinaryData.FromString(Json.Write(document)), overwrite: true, cancellationToken);
    }

    public async Task DeleteDocumentAsync(string slug, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await _container.GetBlobClient(DocumentBlob(slug)).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>The article's document; null when it has none (not served, or deleted since the change was recorded).</summary>
    public async Task<SearchDocument?> ReadDocumentAsync(string slug, CancellationToken cancellationToken)
    {
        try
        {
            var content = await _container.GetBlobClient(DocumentBlob(slug)).DownloadContentAsync(cancellationToken);
            return Json.Read<SearchDocument>(content.Value.Content.ToString());
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Records that <paramref name="slug"/>'s document changed at <paramref name="at"/>: written (<paramref name="document"/>,
    /// held in the row when it fits), or deleted (null).
    /// </summary>
    public async Task RecordChangeAsync(string slug, DateTimeOffset at, SearchDocument? document, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var json = document is null ? null : Json.Write(document);
        await _changes.UpsertEntityAsync(new SearchChangeEntity
        {
            RowKey = SearchChangeEntity.RowKeyFor(at, slug),
            Slug = slug,
            Document = json?.Length <= SearchChangeEntity.MaxDocumentChars ? json : null,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The changes recorded at or after <paramref name="from"/> (a <see cref="SearchChangeEntity.Bound"/>; null: all), oldest first, to the last.</summary>
    public async Task<IReadOnlyList<SearchChangeEntity>> ReadChangesAsync(string? from, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {SearchChangeEntity.Partition}")
            + (from is null ? "" : " and " + TableClient.CreateQueryFilter($"RowKey ge {from}"));
        var changes = new List<SearchChangeEntity>();
        await foreach (var change in _changes.QueryAsync<SearchChangeEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            changes.Add(change);
        }
        return changes;
    }

    /// <summary>Deletes the changes given, 100 per transaction.</summary>
    public async Task DeleteChangesAsync(IEnumerable<SearchChangeEntity> changes, CancellationToken cancellationToken)
    {
        foreach (var batch in changes.Chunk(100))
        {
            await _changes.SubmitTransactionAsync(batch.Select(change => new TableTransactionAction(TableTransactionActionType.Delete, change, ETag.All)), cancellationToken);
        }
    }

    /// <summary>The manifest and its ETag; <see cref="StoredManifest.Unchanged"/> when it still has <paramref name="known"/>.</summary>
    public async Task<StoredManifest> ReadManifestAsync(ETag? known, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        try
        {
            var content = await _container.GetBlobClient(ManifestBlob).DownloadContentAsync(
                new BlobDownloadOptions { Conditions = known is { } etag ? new BlobRequestConditions { IfNoneMatch = etag } : null }, cancellationToken);
            return new StoredManifest(Json.Read<SearchManifest>(content.Value.Content.ToString())!, content.Value.Details.ETag, Unchanged: false);
        }
        catch (RequestFailedException exception) when (exception.Status == 304)
        {
            return new StoredManifest(null, known, Unchanged: true);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return new StoredManifest(SearchManifest.Empty, null, Unchanged: known is null);
        }
    }

    /// <summary>Replaces the manifest if it still has <paramref name="etag"/> (none: if there is none yet); a 412 or 409 says another merge won.</summary>
    public async Task WriteManifestAsync(SearchManifest manifest, ETag? etag, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await _container.GetBlobClient(ManifestBlob).UploadAsync(BinaryData.FromString(Json.Write(manifest)),
            new BlobUploadOptions { Conditions = etag is { } match ? new BlobRequestConditions { IfMatch = match } : new BlobRequestConditions { IfNoneMatch = ETag.All } },
            cancellationToken);
    }

    /// <summary>Stores a Lucene file under the hash of its content (once: the same bytes are the same blob); returns its blob name.</summary>
    public async Task<string> SaveSegmentAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var name = "segments/" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        try
        {
            await _container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(bytes), overwrite: false, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // Stored already, by an earlier attempt or another merge: the same bytes.
        }
        return name;
    }

    public async Task<byte[]> ReadSegmentAsync(string blobName, CancellationToken cancellationToken) =>
        (await _container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken)).Value.Content.ToArray();

    public Task DeleteSegmentAsync(string blobName, CancellationToken cancellationToken) =>
        _container.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken);
}
