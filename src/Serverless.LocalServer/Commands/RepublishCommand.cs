using Serverless.Core.Admin;

namespace Serverless.LocalServer.Commands;

/// <summary>
/// <c>republish</c>: starts the background job that ingests every source again and renders every live page again,
/// then follows its progress until it is done (exit 0) or failed (exit 1).
/// </summary>
public static class RepublishCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static async Task<int> RunAsync(ServerSession session, CommandOutput output, CancellationToken cancellationToken)
    {
        output.Line(session.Describe());
        var job = await session.Jobs.StartAsync(cancellationToken);
        output.Line($"Republish job {job.Id} started: every source is ingested again by the next reconciliation, every live page rendered again.");
        var reported = -1;
        while (true)
        {
            if (job.Pages != reported)
            {
                reported = job.Pages;
                output.Line($"  {job.State.ToString().ToLowerInvariant()}: {Progress(job)}");
            }
            if (job.State != JobState.Running)
            {
                break;
            }
            await Task.Delay(PollInterval, cancellationToken);
            job = await session.Jobs.GetAsync(job.Id, cancellationToken)
                ?? throw new InvalidOperationException($"The job {job.Id} is no longer recorded.");
        }
        if (job.State == JobState.Failed)
        {
            output.Line($"failed: {job.Error}");
        }
        output.Document(new { server = session.DescribeJson(), job });
        return job.State == JobState.Done ? ExitCodes.Success : ExitCodes.AuthorError;
    }

    private static string Progress(JobStatus job) =>
        $"{job.SourcesMarked} of {job.SourcesSeen} sources marked for ingest, {job.ArticlesWeighed} articles weighed against today's corpus, {job.ArticlesQueued} of {job.ArticlesSeen} live pages queued to render ({job.Pages} pages of work)";
}
