using Azure;
using Microsoft.Extensions.Logging;
using Serverless.Core.Render;
using Serverless.Core.Storage;

namespace Serverless.Core.Admin;

/// <summary>
/// Handles one job-queue message, for the Functions queue trigger and the local server's worker alike: does the page it
/// names, records it on the job's row, then sends the next page's message. Safe under redelivery and crashes:
/// <list type="bullet">
/// <item>the row says which page comes next; a message for any other page does no work, so a page is counted once
/// (two deliveries of one page at once both do its idempotent work, and the row's conditional update keeps one count);</item>
/// <item>the row is updated before the next message is sent: a crash between the two leaves a page done whose message
/// comes again (its dequeue count above 1), and that delivery sends the next message again. A copy of a message
/// sent twice so, delivered for the first time, does nothing, so duplicates do not carry on down the job.</item>
/// </list>
/// A page failing on its last delivery marks the job Failed with the reason before the message goes to the poison queue.
/// </summary>
public sealed partial class JobMessageHandler(JobStore jobs, Republisher republisher, TimeProvider time, ILogger<JobMessageHandler> logger)
{
    public async Task<JobPageResult> HandleAsync(string body, long dequeueCount, CancellationToken cancellationToken)
    {
        JobMessage message;
        try
        {
            message = JobMessage.Parse(body);
        }
        catch (FormatException exception)
        {
            LogMalformed(exception.Message);
            throw;
        }
        try
        {
            return await HandlePageAsync(message, dequeueCount, cancellationToken);
        }
        catch (Exception exception) when (dequeueCount >= RenderMessageHandler.MaxDequeueCount && exception is not OperationCanceledException)
        {
            LogGivingUp(exception, message.Job, message.Page, dequeueCount);
            await RecordFailureAsync(message, $"Page {message.Page} failed {dequeueCount} times: {exception.Message}", cancellationToken);
            throw;
        }
    }

    private async Task<JobPageResult> HandlePageAsync(JobMessage message, long dequeueCount, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(message.Job, cancellationToken);
        if (job is null)
        {
            if (message.Page != 0)
            {
                LogUnknownJob(message.Job, message.Page);
                return new JobPageResult(message.Job, message.Page, JobPageOutcome.UnknownJob, null);
            }
            job = await jobs.AddOrGetAsync(Republisher.NewJob(message.Job, time.GetUtcNow()), cancellationToken);
        }
        if (job.State != nameof(JobState.Running))
        {
            return Result(message, JobPageOutcome.JobOver, job);
        }
        if (message.Page != job.NextPage)
        {
            if (message.Page == job.NextPage - 1 && dequeueCount > 1)
            {
                await SendNextAsync(job, cancellationToken);
                return Result(message, JobPageOutcome.NextSentAgain, job);
            }
            return Result(message, JobPageOutcome.Duplicate, job);
        }

        var phase = Enum.Parse<RepublishPhase>(job.Phase);
        var page = await republisher.DoPageAsync(phase, job.Continuation, cancellationToken);
        Record(job, phase, page, time.GetUtcNow());
        try
        {
            await jobs.UpdateAsync(job, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            // Another delivery of this page recorded it first, with the same work: its count is the one kept, and it sends the next message.
            return Result(message, JobPageOutcome.Duplicate, await jobs.GetAsync(message.Job, cancellationToken) ?? job);
        }
        if (job.State == nameof(JobState.Running))
        {
            await SendNextAsync(job, cancellationToken);
        }
        else
        {
            LogDone(job.PartitionKey, job.SourcesMarked, job.ArticlesWeighed, job.ArticlesQueued);
        }
        return Result(message, JobPageOutcome.Worked, job);
    }

    /// <summary>Adds the page to the job's counts and moves it on: further in the phase, to the next phase (sources, keywords, articles), or done.</summary>
    private static void Record(JobEntity job, RepublishPhase phase, RepublishPage page, DateTimeOffset now)
    {
        job.SourcesSeen += page.SourcesSeen;
        job.SourcesMarked += page.SourcesMarked;
        job.ArticlesWeighed += page.ArticlesWeighed;
        job.ArticlesSeen += page.ArticlesSeen;
        job.ArticlesQueued += page.ArticlesQueued;
        job.RenderMessages += page.RenderMessages;
        job.NextPage++;
        job.Continuation = page.Next;
        job.UpdatedAt = now;
        if (page.Next is not null)
        {
            return;
        }
        if (phase < RepublishPhase.Articles)
        {
            job.Phase = (phase + 1).ToString();
            return;
        }
        job.State = nameof(JobState.Done);
        job.FinishedAt = now;
    }

    private Task SendNextAsync(JobEntity job, CancellationToken cancellationToken) =>
        jobs.SendAsync(Json.Write(new JobMessage(job.PartitionKey, job.NextPage)), cancellationToken);

    /// <summary>The job stops, saying why; unless another delivery moved it on meanwhile (its next page is on its way then).</summary>
    private async Task RecordFailureAsync(JobMessage message, string reason, CancellationToken cancellationToken)
    {
        if (await jobs.GetAsync(message.Job, cancellationToken) is not { } job || job.State != nameof(JobState.Running) || job.NextPage != message.Page)
        {
            return;
        }
        var now = time.GetUtcNow();
        (job.State, job.Error, job.UpdatedAt, job.FinishedAt) = (nameof(JobState.Failed), reason, now, now);
        try
        {
            await jobs.UpdateAsync(job, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            LogMovedOn(message.Job, message.Page);
        }
    }

    private static JobPageResult Result(JobMessage message, JobPageOutcome outcome, JobEntity job) => new(message.Job, message.Page, outcome, JobStatus.Of(job));

    [LoggerMessage(Level = LogLevel.Error, Message = "Malformed job message: {Reason}")]
    private partial void LogMalformed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job message for page {Page} of {JobId}, which no row records: dropped")]
    private partial void LogUnknownJob(string jobId, int page);

    [LoggerMessage(Level = LogLevel.Information, Message = "Republish job {JobId} done: {SourceCount} sources to ingest again, {WeighedCount} articles weighed against today's corpus, {ArticleCount} pages to render again")]
    private partial void LogDone(string jobId, int sourceCount, int weighedCount, int articleCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Page {Page} of job {JobId} failed on delivery {DequeueCount}; the job stops and the message goes to the poison queue")]
    private partial void LogGivingUp(Exception exception, string jobId, int page, long dequeueCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Page {Page} of job {JobId} failed, but another delivery moved the job on meanwhile")]
    private partial void LogMovedOn(string jobId, int page);
}
