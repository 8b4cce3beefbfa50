using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Serverless.Core.Storage;

/// <summary>A file of the site container as built by an output: its bytes, their media type, and what it records beside them.</summary>
/// <param name="Metadata">Kept as blob metadata (e.g. a sitemap shard's lastmod), listed with the file.</param>
public sealed record SiteFileContent(byte[] Bytes, string ContentType, IReadOnlyDictionary<string, string>? Metadata = null);

/// <summary>A stored file as readers get it: its bytes and a strong validator.</summary>
/// <param name="ETag">Quoted hash of the bytes: the same content always has the same ETag, whichever instance wrote it.</param>
public sealed record SiteFile(byte[] Bytes, string ETag);

/// <summary>A file listed by name, with its metadata.</summary>
public sealed record SiteFileEntry(string Name, IReadOnlyDictionary<string, string> Metadata);

/// <summary>
/// The site container: files built from many articles (feeds, sitemaps, tag pages), each rewritten by whichever render
/// changes what it lists. Renders of different articles run concurrently, so a file is written only if it is still the
/// version seen before its inputs were read; otherwise it is built again from fresh inputs. The last write is then
/// always built from inputs read after every other write: no render can put back a list another one updated.
/// </summary>
public sealed class SiteFiles(StorageClients storage)
{
    private readonly CoalescedRebuilds _rebuilds = new();

    /// <summary>Blob metadata key holding the content hash, so an unchanged file is not written again.</summary>
    private const string HashKey = "contenthash";

    public static string ETagOf(ReadOnlySpan<byte> bytes) => $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";

    /// <summary>The file's bytes and ETag, or null if there is none: one request.</summary>
    public async Task<SiteFile?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var content = await storage.Site.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            var bytes = content.Value.Content.ToArray();
            return new SiteFile(bytes, ETagOf(bytes));
        }
        catch (RequestFailedException exception) when (exception.IsStatus(404))
        {
            return null;
        }
    }

    /// <summary>
    /// Brings the files <paramref name="names"/> in line with what <paramref name="build"/> makes of the current inputs
    /// (one content per name, null to delete): unchanged files are left alone, and a file another writer changed
    /// meanwhile is built again. <paramref name="build"/> must read its inputs each time it is called. Calls for the same
    /// files made while their rebuild runs in this process share the one run after it (<see cref="CoalescedRebuilds"/>),
    /// so <paramref name="build"/> must depend on storage alone, not on the caller.
    /// </summary>
    public Task PublishAsync(IReadOnlyList<string> names,
        Func<CancellationToken, Task<IReadOnlyList<SiteFileContent?>>> build, CancellationToken cancellationToken) =>
        _rebuilds.RunAsync(string.Join('\n', names), token => RebuildAsync(names, build, token), cancellationToken);

    private async Task RebuildAsync(IReadOnlyList<string> names,
        Func<CancellationToken, Task<IReadOnlyList<SiteFileContent?>>> build, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var remaining = names.Select((name, index) => (Name: name, Index: index)).ToList();
        await OptimisticConcurrency.RetryAsync(async attempt =>
        {
            // Renders of many articles at once (a settings change renders every page) all rebuild the same feed: spread them out.
            await OptimisticConcurrency.BackOffAsync(attempt, cancellationToken);
            // The versions seen first, the inputs read after: a write conditioned on those versions cannot be stale.
            var seen = await Task.WhenAll(remaining.Select(file => PropertiesAsync(file.Name, cancellationToken)));
            var contents = await build(cancellationToken);
            var results = await Task.WhenAll(remaining.Select((file, i) => WriteAsync(file.Name, seen[i], contents[file.Index], cancellationToken)));
            // Only the files another writer changed meanwhile are built again.
            remaining = [.. remaining.Where((_, i) => results[i] == WriteResult.Conflict)];
            return remaining.Count == 0 ? true : throw new RequestFailedException(412,
                $"'{remaining[0].Name}' kept changing while it was being rebuilt ({attempt} attempts); the rebuild will be retried.");
        }, maxAttempts: OptimisticConcurrency.SharedWriteAttempts);
    }

    /// <summary>The files whose names start with <paramref name="prefix"/>, with their metadata: one request per 5,000.</summary>
    public async Task<IReadOnlyList<SiteFileEntry>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var files = new List<SiteFileEntry>();
        await foreach (var blob in storage.Site.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix, Traits = BlobTraits.Metadata }, cancellationToken))
        {
            files.Add(new SiteFileEntry(blob.Name, blob.Metadata.AsReadOnly()));
        }
        return files;
    }

    private enum WriteResult
    {
        Unchanged,
        Written,
        Conflict,
    }

    private async Task<BlobProperties?> PropertiesAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return (await storage.Site.GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        }
        catch (RequestFailedException exception) when (exception.IsStatus(404))
        {
            return null;
        }
    }

    private async Task<WriteResult> WriteAsync(string name, BlobProperties? seen, SiteFileContent? content, CancellationToken cancellationToken)
    {
        var blob = storage.Site.GetBlobClient(name);
        try
        {
            if (content is null)
            {
                if (seen is null)
                {
                    return WriteResult.Unchanged;
                }
                await blob.DeleteAsync(conditions: new BlobRequestConditions { IfMatch = seen.ETag }, cancellationToken: cancellationToken);
                return WriteResult.Written;
            }
            var hash = ETagOf(content.Bytes).Trim('"');
            var metadata = new Dictionary<string, string>(content.Metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal) { [HashKey] = hash };
            if (seen is not null && seen.Metadata.TryGetValue(HashKey, out var current) && current == hash && SameMetadata(seen.Metadata, metadata))
            {
                return WriteResult.Unchanged;
            }
            await blob.UploadAsync(BinaryData.FromBytes(content.Bytes), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = content.ContentType },
                Metadata = metadata,
                // Created only if still absent, replaced only if still the version seen.
                Conditions = seen is null ? new BlobRequestConditions { IfNoneMatch = ETag.All } : new BlobRequestConditions { IfMatch = seen.ETag },
            }, cancellationToken);
            return WriteResult.Written;
        }
        catch (RequestFailedException exception) when (exception.Status is 409 or 412)
        {
            return WriteResult.Conflict;
        }
        catch (RequestFailedException exception) when (exception.IsStatus(404) && content is null)
        {
            return WriteResult.Unchanged; // deleted meanwhile, as wanted
        }
    }

    private static bool SameMetadata(IDictionary<string, string> stored, Dictionary<string, string> wanted) =>
        stored.Count == wanted.Count && wanted.All(pair => stored.TryGetValue(pair.Key, out var value) && value == pair.Value);
}
