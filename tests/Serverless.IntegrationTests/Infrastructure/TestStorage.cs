using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Serverless.Core.Configuration;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// Removes what a test stored under its unique names (<see cref="TestSite.StorageSettings"/>). The run's one Azurite
/// keeps every test's data in memory otherwise, and it finds a blob or a message by scanning those of every container
/// or queue of the account: a suite that leaves its data behind makes each later request slower.
/// </summary>
public static class TestStorage
{
    /// <summary>Deletes the containers, tables and queues (poison queues too) the settings name. Best effort: what stays is only memory.</summary>
    public static async Task DeleteAsync(IReadOnlyDictionary<string, string?> settings)
    {
        if (settings.GetValueOrDefault(StorageOptions.ConnectionSettingName) is not { Length: > 0 } connection)
        {
            return;
        }
        // No retries: an Azurite the test stopped is not waited for.
        var blobOptions = new BlobClientOptions();
        var tableOptions = new TableClientOptions();
        var queueOptions = new QueueClientOptions();
        foreach (var options in new ClientOptions[] { blobOptions, tableOptions, queueOptions })
        {
            options.Retry.MaxRetries = 0;
            options.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        }
        var blobs = new BlobServiceClient(connection, blobOptions);
        var tables = new TableServiceClient(connection, tableOptions);
        var queues = new QueueServiceClient(connection, queueOptions);
        var names = settings.Where(setting => setting.Key.StartsWith("Storage:", StringComparison.Ordinal) || setting.Key.StartsWith("Search:", StringComparison.Ordinal))
            .Where(setting => !string.IsNullOrEmpty(setting.Value)).ToList();
        await Task.WhenAll(names.Select(async setting =>
        {
            try
            {
                if (setting.Key.EndsWith("Container", StringComparison.Ordinal))
                {
                    await blobs.GetBlobContainerClient(setting.Value).DeleteIfExistsAsync();
                }
                else if (setting.Key.EndsWith("Table", StringComparison.Ordinal))
                {
                    await tables.DeleteTableAsync(setting.Value);
                }
                else if (setting.Key.EndsWith("Queue", StringComparison.Ordinal))
                {
                    await queues.GetQueueClient(setting.Value).DeleteIfExistsAsync();
                    await queues.GetQueueClient(setting.Value + "-poison").DeleteIfExistsAsync();
                }
            }
            catch (Exception exception) when (exception is Azure.RequestFailedException or HttpRequestException or OperationCanceledException)
            {
                // Azurite stopped by the test, or the name is not one: nothing to free.
            }
        }));
    }
}
