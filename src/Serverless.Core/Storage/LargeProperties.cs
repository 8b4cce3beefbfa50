using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs.Models;

namespace Serverless.Core.Storage;

/// <summary>
/// The properties of an article's rows that grow with what an article holds (its links and how they rendered, its
/// index rows, images, warnings, the work pending after a switch), listed by each row's class. Table Storage refuses a string property over 32K UTF-16
/// characters, and a hub citing a hundred articles reaches that (non-ASCII is written as six-character escapes). A
/// value over <see cref="MaxInlineLength"/> is kept in a content-addressed blob beside the article's bodies
/// (<c>{slug}/state/{hash}.json</c>), and the row holds a reference to it: a record of any size is stored, and a page
/// view of an ordinary article still costs one point read.
/// </summary>
public sealed class LargeProperties(StorageClients storage)
{
    /// <summary>Half Table Storage's limit: the row stays well under its 1 MiB however many properties are long.</summary>
    public const int MaxInlineLength = 16_000;

    /// <summary>JSON never starts with it, so a reference cannot be mistaken for a value.</summary>
    private const string ReferencePrefix = "@blob:";

    /// <summary>
    /// Puts each value too long for the row in its blob (unless the row already refers to it) and the reference in its
    /// place. Returns the values replaced, for <see cref="Restore"/> once the row is written.
    /// </summary>
    public async Task<IReadOnlyDictionary<LargeProperty<T>, string>> SpillAsync<T>(T article, CancellationToken cancellationToken) where T : IHasLargeProperties<T>
    {
        var spilled = new Dictionary<LargeProperty<T>, string>();
        foreach (var property in T.LargeProperties)
        {
            if (property.Get(article) is not { Length: > MaxInlineLength } value)
            {
                continue;
            }
            var bytes = Encoding.UTF8.GetBytes(value);
            var blobName = $"{TableKeys.ForSlug(article.Slug)}/state/{T.ValueBlobPrefix}{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}.json";
            if (!article.StoredReferences.Values.Contains(blobName, StringComparer.Ordinal))
            {
                await storage.EnsureCreatedAsync(cancellationToken);
                await storage.Bodies.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(bytes),
                    new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } }, cancellationToken);
            }
            spilled[property] = value;
            property.Set(article, ReferencePrefix + blobName);
        }
        return spilled;
    }

    /// <summary>Puts the spilled values back, and records which blobs the row now refers to.</summary>
    public static void Restore<T>(T article, IReadOnlyDictionary<LargeProperty<T>, string> spilled) where T : IHasLargeProperties<T>
    {
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (property, value) in spilled)
        {
            references[property.Name] = property.Get(article)![ReferencePrefix.Length..];
            property.Set(article, value);
        }
        article.StoredReferences = references;
    }

    /// <summary>
    /// Reads the values the row refers to into the article. False when one of the blobs is gone: a writer replaced the
    /// row after it was read, and the caller reads it again.
    /// </summary>
    public async Task<bool> LoadAsync<T>(T article, CancellationToken cancellationToken) where T : IHasLargeProperties<T>
    {
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in T.LargeProperties)
        {
            if (property.Get(article) is not { } value || !value.StartsWith(ReferencePrefix, StringComparison.Ordinal))
            {
                continue;
            }
            var blobName = value[ReferencePrefix.Length..];
            try
            {
                var content = await storage.Bodies.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
                property.Set(article, content.Value.Content.ToString());
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                return false;
            }
            references[property.Name] = blobName;
        }
        article.StoredReferences = references;
        return true;
    }

    /// <summary>Deletes the blobs a replaced version of the row referred to and the current one does not.</summary>
    public async Task DeleteReplacedAsync<T>(IReadOnlyDictionary<string, string> before, T after, CancellationToken cancellationToken) where T : IHasLargeProperties<T>
    {
        var kept = after.StoredReferences.Values.ToHashSet(StringComparer.Ordinal);
        foreach (var blobName in before.Values.Where(blobName => !kept.Contains(blobName)).Distinct(StringComparer.Ordinal))
        {
            await storage.Bodies.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }
}
