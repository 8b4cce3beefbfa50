using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Serverless.Core.Configuration;
using Serverless.Core.Admin;

namespace Serverless.Functions.Triggers;

/// <summary>Admin jobs (republishing): one page of work per message of the job queue (<c>JOB_QUEUE_NAME</c>), each sending the next.</summary>
public sealed class RunAdminJobFunction(JobMessageHandler handler)
{
    /// <summary>
    /// The dequeue count tells a delivery again (after a crash) from a first one. A failure throws, so the host delivers
    /// the message again; on the last delivery the job is marked failed, and the host moves the message to the poison queue.
    /// </summary>
    [Function(nameof(RunAdminJob))]
    public Task<JobPageResult> RunAdminJob(
        [QueueTrigger("%" + BindingSettings.JobQueue + "%", Connection = "AzureWebJobsStorage")] QueueMessage message,
        CancellationToken cancellationToken) =>
        handler.HandleAsync(message.Body.ToString(), message.DequeueCount, cancellationToken);
}
