using Azure;
using Microsoft.Extensions.Logging;
using Serverless.Core.Render;
using Serverless.Core.Storage;

namespace Serverless.Core.Admin;

/// <summary>
/// Republishes everything, for an operator after a fix in the parser or template, to clear a failure, or after an
/// import: every source is ingested again, every live article's keywords weighed against the corpus of today, and every
/// live article's page rendered again, even where nothing seems to have changed. It only
/// sets the work in motion, with the means the pipeline already has: a source recorded with no ingest version is one
/// the reconciliation ingests again (its next pass), and a page whose input hash is forgotten is one stage 2 renders
/// again (its messages are sent here). The work is a background job (<see cref="JobMessageHandler"/>), a page of
/// <see cref="PageSize"/> records per job message, so it costs a request a bounded amount whatever the corpus. Each
/// page's work is idempotent: a page done twice, or republishing twice, does no harm.
/// </summary>
public sealed partial class Republisher(JobStore jobs, ArticleRepository repository, RenderQueueClient renders, KeywordReweigher keywords, TimeProvider time, ILogger<Republisher> logger)
    : IRepublishJobs
{
    public const string Kind = "republish";

    /// <summary>Records per job message: a page's writes take seconds, well inside a queue message's visibility.</summary>
    public const int PageSize = 100;

    /// <summary>Writes in flight at once within a page.</summary>
    private const int WriteParallelism = 16;

    public async Task<JobStatus> StartAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var id = JobMessage.NewJobId(now);
        // The first page's message goes before the row: were the row's write lost (a crash), that page records the job itself.
        await jobs.SendAsync(Json.Write(new JobMessage(id, 0)), cancellationToken);
        var job = await jobs.AddOrGetAsync(NewJob(id, now), cancellationToken);
        LogStarted(id);
        return JobStatus.Of(job);
    }

    public async Task<JobStatus?> GetAsync(string id, CancellationToken cancellationToken) =>
        JobMessage.IsJobId(id) && await jobs.GetAsync(id, cancellationToken) is { } job ? JobStatus.Of(job) : null;

    /// <summary>The row of a job that has done nothing yet.</summary>
    internal static JobEntity NewJob(string id, DateTimeOffset now) => new()
    {
        PartitionKey = id, Kind = Kind, State = nameof(JobState.Running), Phase = nameof(RepublishPhase.Sources), StartedAt = now, UpdatedAt = now,
    };

    /// <summary>One page of <paramref name="phase"/>, from <paramref name="continuation"/>: what it saw and did, and where the next starts.</summary>
    internal Task<RepublishPage> DoPageAsync(RepublishPhase phase, string? continuation, CancellationToken cancellationToken) => phase switch
    {
        RepublishPhase.Sources => MarkSourcesAsync(continuation, cancellationToken),
        RepublishPhase.Keywords => WeighArticlesAsync(continuation, cancellationToken),
        _ => RenderArticlesAsync(continuation, cancellationToken),
    };

    /// <summary>A page of sources marked for ingest again: one query, and a write per source not marked already.</summary>
    private async Task<RepublishPage> MarkSourcesAsync(string? continuation, CancellationToken cancellationToken)
    {
        var page = await repository.ReadSourcePageAsync(PageSize, continuation, cancellationToken);
        var marked = 0;
        await Parallel.ForEachAsync(page.Items, new ParallelOptions { MaxDegreeOfParallelism = WriteParallelism, CancellationToken = cancellationToken },
            async (source, token) =>
            {
                if (source.IngestVersion is null || await SaveUnlessChangedAsync(() => ForgetIngestVersionAsync(source, token)))
                {
                    Interlocked.Increment(ref marked);
                }
            });
        return new RepublishPage(SourcesSeen: page.Items.Count, SourcesMarked: marked, Next: page.ContinuationToken);
    }

    private Task ForgetIngestVersionAsync(SourceEntity source, CancellationToken cancellationToken)
    {
        source.IngestVersion = null;
        return repository.SaveSourceAsync(source, source, cancellationToken);
    }

    /// <summary>
    /// A page of article records: each live one's keywords weighed against the corpus of today, before any page renders
    /// in the next phase, so that every page then reads its candidates' weights of today.
    /// </summary>
    private async Task<RepublishPage> WeighArticlesAsync(string? continuation, CancellationToken cancellationToken)
    {
        var page = await repository.ReadArticleStatePageAsync(PageSize, continuation, cancellationToken);
        var live = page.Items.Where(state => state.IsLive).Select(state => state.Slug).ToList();
        await keywords.WeighAgainstCorpusAsync(live, cancellationToken);
        return new RepublishPage(ArticlesWeighed: live.Count, Next: page.ContinuationToken);
    }

    /// <summary>A page of article records: each live one read whole, its input hash forgotten, and its render requested.</summary>
    private async Task<RepublishPage> RenderArticlesAsync(string? continuation, CancellationToken cancellationToken)
    {
        var page = await repository.ReadArticleStatePageAsync(PageSize, continuation, cancellationToken);
        var live = page.Items.Where(state => state.IsLive).ToList();
        var queued = new string?[live.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, live.Count), new ParallelOptions { MaxDegreeOfParallelism = WriteParallelism, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                // The scan holds some properties only: the whole record is read before it is written back.
                if (await repository.GetStoredArticleAsync(live[index].Slug, token) is { IsLive: true } article
                    && (article.Outputs.PageInputHash is null || await SaveUnlessChangedAsync(() => ForgetPageInputsAsync(article.Outputs, token))))
                {
                    queued[index] = article.Slug;
                }
            });
        var slugs = queued.OfType<string>().ToList();
        var messages = await renders.EnqueueAsync(slugs, cancellationToken);
        return new RepublishPage(ArticlesSeen: live.Count, ArticlesQueued: slugs.Count, RenderMessages: messages, Next: page.ContinuationToken);
    }

    private Task ForgetPageInputsAsync(ArticleOutputsEntity outputs, CancellationToken cancellationToken)
    {
        outputs.PageInputHash = null;
        return repository.SaveOutputsAsync(outputs, cancellationToken);
    }

    /// <summary>A record changed since it was read is being processed already: that processing publishes it afresh.</summary>
    private static async Task<bool> SaveUnlessChangedAsync(Func<Task> save)
    {
        try
        {
            await save();
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Republish job {JobId} started: every source to ingest again, every article's keywords to weigh again, every page to render again")]
    private partial void LogStarted(string jobId);
}
