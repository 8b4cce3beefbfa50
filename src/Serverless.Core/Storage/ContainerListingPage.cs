using Azure.Storage.Blobs.Models;

namespace Serverless.Core.Storage;

/// <summary>One page of the articles container in name order, or the unlistable blob found where a page failed.</summary>
public sealed record ContainerListingPage(IReadOnlyList<BlobItem> Blobs, UnlistableBlob? Unlistable);
