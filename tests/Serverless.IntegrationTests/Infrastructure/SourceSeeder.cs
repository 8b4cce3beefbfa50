using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Core.Publishing;
using Serverless.Core.Storage;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// Puts blobs and their source records into a site's storage as ingest leaves them, without ingesting: many at once, in
/// parallel. A source record has a partition of its own (its blob's key), so no two share an entity-group batch; a
/// blob is a few bytes. Reconciliation finds such a blob unchanged (same MD5, this ingest version).
/// </summary>
public static class SourceSeeder
{
    private const int Parallelism = 32;

    /// <summary>The name of the <paramref name="index"/>-th seeded blob: <c>seeded/00042.md</c>.</summary>
    public static string BlobName(int index) => $"seeded/{index:D5}.md";

    /// <summary>
    /// Seeds <paramref name="count"/> sources of <paramref name="status"/> (a failed one says why in its message), each
    /// naming a slug of its own, and their blobs unless <paramref name="withBlobs"/> is false.
    /// </summary>
    public static async Task SeedAsync(IServiceProvider services, int count, SourceStatus status = SourceStatus.Published, bool withBlobs = true)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var storage = services.GetRequiredService<StorageClients>();
        var ingestVersion = services.GetRequiredService<PipelineVersion>().Ingest;
        await storage.EnsureCreatedAsync(cancellation);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellation },
            async (index, token) =>
            {
                var name = BlobName(index);
                var content = Encoding.UTF8.GetBytes($"# Seeded {index}\n\nA seeded article.");
                var source = new SourceEntity
                {
                    PartitionKey = TableKeys.ForBlobName(name),
                    BlobName = name,
                    Status = status.ToString(),
                    Message = status == SourceStatus.Failed ? $"Seeded failure {index}." : null,
                    Slug = $"seeded-{index}",
#pragma warning disable CA5351 // Content-MD5, as storage reports it in listings and ingest records it: change detection only.
                    ContentMd5 = Convert.ToBase64String(MD5.HashData(content)),
#pragma warning restore CA5351
                    IngestVersion = ingestVersion,
                    ProcessedAt = DateTimeOffset.UtcNow,
                };
                if (withBlobs)
                {
                    var uploaded = await storage.Articles.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), overwrite: true, token);
                    (source.BlobETag, source.BlobLastModified) = (uploaded.Value.ETag.ToString(), uploaded.Value.LastModified);
                }
                await storage.SourcesTable.UpsertEntityAsync(source, TableUpdateMode.Replace, token);
            });
    }
}
