using Azure.Messaging.EventGrid;
using Azure.Storage.Blobs;

namespace Serverless.LocalServer.Publishing;

/// <summary>
/// The events Event Grid delivers on Azure, made locally where Azurite sends none: an upload or a deletion by the
/// commands or the folder watcher is reported as Azure reports it, so stage 1 runs at once rather than at the next
/// reconciliation.
/// </summary>
public static class LocalBlobEvents
{
    /// <summary>A <c>Microsoft.Storage.BlobCreated</c> event in the Event Grid schema, as a one-event delivery.</summary>
    public static BinaryData Created(Uri blobUri) => Event(blobUri, SystemEventNames.StorageBlobCreated, "PutBlob");

    /// <summary>A <c>Microsoft.Storage.BlobDeleted</c> event in the Event Grid schema, as a one-event delivery.</summary>
    public static BinaryData Deleted(Uri blobUri) => Event(blobUri, SystemEventNames.StorageBlobDeleted, "DeleteBlob");

    private static BinaryData Event(Uri blobUri, string eventType, string api)
    {
        var blob = new BlobUriBuilder(blobUri);
        return BinaryData.FromObjectAsJson(new[]
        {
            new
            {
                id = Guid.NewGuid().ToString(),
                subject = $"/blobServices/default/containers/{blob.BlobContainerName}/blobs/{blob.BlobName}",
                eventType,
                eventTime = DateTimeOffset.UtcNow,
                dataVersion = "1",
                metadataVersion = "1",
                data = new { api, blobType = "BlockBlob", url = blobUri.AbsoluteUri },
            },
        });
    }
}
