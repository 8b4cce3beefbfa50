using Serverless.Core.Admin;
using Serverless.Core.Storage;

namespace Serverless.LocalServer.Publishing;

/// <summary>Runs admin jobs (republishing) locally in place of the Functions queue trigger: the job queue, through the same handler.</summary>
public sealed class JobWorker : QueueWorker
{
    private readonly JobStore _jobs;
    private readonly JobMessageHandler _handler;

    public JobWorker(StorageClients storage, JobStore jobs, JobMessageHandler handler, LocalServerSettings settings, ILogger<JobWorker> logger)
        : base(storage, storage.JobQueue, storage.JobPoisonQueue, settings, logger)
    {
        _jobs = jobs;
        _handler = handler;
        _jobs.Sent += Wake;
    }

    protected override async Task<string?> HandleBodyAsync(string body, long dequeueCount, CancellationToken cancellationToken) =>
        await _handler.HandleAsync(body, dequeueCount, cancellationToken) is { Outcome: JobPageOutcome.Worked, Status: { } job } result
            ? $"job {job.Id} page {result.Page} done: {job.SourcesMarked} sources marked, {job.ArticlesWeighed} articles weighed, {job.ArticlesQueued} of {job.ArticlesSeen} pages queued so far ({job.State})"
            : null;

    public override void Dispose()
    {
        _jobs.Sent -= Wake;
        base.Dispose();
    }
}
