using Azure.Messaging.EventGrid;
using Azure.Storage.Blobs;

namespace Serverless.LocalServer.Publishing;

/// <summary>
/// The events Event Grid delivers on Azure, made locally where Azurite sends none: a deletion by the commands or the
/// folder watcher is reported as Azure reports it, so the webhook unpublishes the article at once.
/// </summary>
public static class LocalBlobEvents
{
    /// <summary>A <c>Microsoft.Storage.BlobDeleted</c> event in the Event Grid schema, as a one-event delivery.</summary>
    public static BinaryData Deleted(Uri blobUri)
    {
        var blob = new BlobUriBuilder(blobUri);
        return BinaryData.FromObjectAsJson(new[]
        {
            new
            {
                id = Guid.NewGuid().ToString(),
                subject = $"/blobServices/default/containers/{blob.BlobContainerName}/blobs/{blob.BlobName}",
                eventType = SystemEventNames.StorageBlobDeleted,
                eventTime = DateTimeOffset.UtcNow,
                dataVersion = "1",
                metadataVersion = "1",
                data = new { api = "DeleteBlob", blobType = "BlockBlob", url = blobUri.AbsoluteUri },
            },
        });
    }
}
