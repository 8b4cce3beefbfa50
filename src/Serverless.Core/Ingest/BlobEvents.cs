using System.Text.Json;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using Azure.Messaging.EventGrid.SystemEvents;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Serverless.Core.Storage;

namespace Serverless.Core.Ingest;

/// <summary>What one delivered event led to.</summary>
/// <param name="Outcome">The stage-1 status (Published, Removed, Failed…), or <c>Ignored</c>.</param>
public sealed record BlobEventResult(string EventType, string? BlobName, string Outcome, string? Slug, string? Detail);

/// <summary>A delivery: either Event Grid's validation handshake (answer with the code), or events and what each led to.</summary>
public sealed record BlobEventDelivery(string? ValidationCode, IReadOnlyList<BlobEventResult> Results);

/// <summary>
/// Event Grid's storage events for the articles container, delivered to a webhook, run stage 1 for their blob at once:
/// a deletion unpublishes within seconds rather than at the next reconciliation (a blob trigger never fires on a
/// deletion). Both schemas are read: Event Grid's own and CloudEvents 1.0. Events of other containers, accounts or
/// types are ignored. Stage 1 is idempotent and checks the blob itself, so a duplicate, late or out-of-order event
/// does no harm: a "deleted" event for a blob uploaded again since ingests the new upload.
/// </summary>
public sealed partial class BlobEvents(StorageClients storage, ArticleIngester ingester, ILogger<BlobEvents> logger)
{
    /// <exception cref="FormatException">The body is not an Event Grid or CloudEvents delivery.</exception>
    public async Task<BlobEventDelivery> HandleAsync(BinaryData body, CancellationToken cancellationToken)
    {
        var events = Parse(body);
        var results = new List<BlobEventResult>();
        foreach (var (type, data) in events)
        {
            switch (data)
            {
                case SubscriptionValidationEventData validation:
                    return new BlobEventDelivery(validation.ValidationCode, []);
                case StorageBlobCreatedEventData created:
                    results.Add(await ProcessAsync(type, created.Url, deleted: false, cancellationToken));
                    break;
                case StorageBlobDeletedEventData deleted:
                    results.Add(await ProcessAsync(type, deleted.Url, deleted: true, cancellationToken));
                    break;
                default:
                    results.Add(new BlobEventResult(type, null, "Ignored", null, "Not a blob created or deleted event."));
                    break;
            }
        }
        return new BlobEventDelivery(null, results);
    }

    /// <summary>The events of a delivery, each with its system data (null when not a system event).</summary>
    private static IEnumerable<(string Type, object? Data)> Parse(BinaryData body)
    {
        try
        {
            if (IsCloudEvents(body))
            {
                return CloudEvent.ParseMany(body).Select(cloudEvent => (cloudEvent.Type, cloudEvent.TryGetSystemEventData(out var data) ? data : null)).ToList();
            }
            return EventGridEvent.ParseMany(body).Select(gridEvent => (gridEvent.EventType, gridEvent.TryGetSystemEventData(out var data) ? data : null)).ToList();
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            throw new FormatException("The body is not a delivery of Event Grid events (Event Grid schema or CloudEvents 1.0).", exception);
        }
    }

    /// <summary>CloudEvents carry <c>specversion</c>; Event Grid's schema does not.</summary>
    private static bool IsCloudEvents(BinaryData body)
    {
        using var document = JsonDocument.Parse(body);
        var first = document.RootElement.ValueKind == JsonValueKind.Array
            ? document.RootElement.EnumerateArray().FirstOrDefault()
            : document.RootElement;
        return first.ValueKind == JsonValueKind.Object && first.TryGetProperty("specversion", out _);
    }

    private async Task<BlobEventResult> ProcessAsync(string type, string? url, bool deleted, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return new BlobEventResult(type, null, "Ignored", null, "The event names no blob URL.");
        }
        var blob = new BlobUriBuilder(uri);
        if (!string.Equals(blob.AccountName, storage.Articles.AccountName, StringComparison.OrdinalIgnoreCase)
            || blob.BlobContainerName != storage.Articles.Name || string.IsNullOrEmpty(blob.BlobName))
        {
            return new BlobEventResult(type, null, "Ignored", null, "Not a blob of the articles container.");
        }
        var blobName = blob.BlobName;
        // Stage 1 reads the blob itself: a deletion that a later upload overtook ingests that upload.
        var result = deleted && !await storage.Articles.GetBlobClient(blobName).ExistsAsync(cancellationToken)
            ? await ingester.RemoveAsync(blobName, cancellationToken)
            : await ingester.IngestAsync(blobName, cancellationToken);
        LogProcessed(type, blobName, result.Status);
        return new BlobEventResult(type, blobName, result.Status.ToString(), result.Slug, result.Message);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event {EventType} for {BlobName}: {Status}")]
    private partial void LogProcessed(string eventType, string blobName, PublishStatus status);
}
