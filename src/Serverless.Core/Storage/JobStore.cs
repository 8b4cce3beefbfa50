using Azure;
using Azure.Data.Tables;

namespace Serverless.Core.Storage;

/// <summary>The jobs table and the job queue: a job's row, and the messages that carry it from page to page.</summary>
public sealed class JobStore(StorageClients storage)
{
    /// <summary>Raised once a message is sent, so that a worker in the same process (the local server's) receives it at once.</summary>
    public event EventHandler? Sent;

    public async Task<JobEntity?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        return await storage.JobsTable.GetOrNullAsync<JobEntity>(id, TableKeys.JobRow, cancellationToken);
    }

    /// <summary>Adds the job's row, or reads the one there: whoever comes first (the start, or its first page) records the job.</summary>
    public async Task<JobEntity> AddOrGetAsync(JobEntity job, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        try
        {
            job.ETag = (await storage.JobsTable.AddEntityAsync(job, cancellationToken)).Headers.ETag ?? default;
            return job;
        }
        catch (RequestFailedException exception) when (exception.IsStatus(409))
        {
            return (await GetAsync(job.PartitionKey, cancellationToken))!;
        }
    }

    /// <summary>Replaces the row if unchanged since read (412 otherwise), and takes its new ETag.</summary>
    public async Task UpdateAsync(JobEntity job, CancellationToken cancellationToken) =>
        job.ETag = (await storage.JobsTable.UpdateEntityAsync(job, job.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? default;

    public async Task SendAsync(string message, CancellationToken cancellationToken)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        await storage.JobQueue.SendMessageAsync(message, cancellationToken);
        Sent?.Invoke(this, EventArgs.Empty);
    }
}
