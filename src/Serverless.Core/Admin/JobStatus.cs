using Serverless.Core.Storage;

namespace Serverless.Core.Admin;

/// <summary>
/// <c>GET /api/admin/jobs/{id}</c>: where an admin job stands. Counts are of what the pages done so far saw and did:
/// <see cref="SourcesMarked"/> of <see cref="SourcesSeen"/> sources are marked for ingest again (a source being
/// ingested meanwhile is left to that ingest), <see cref="ArticlesWeighed"/> live articles have their keywords weighed
/// against the corpus of today, <see cref="ArticlesQueued"/> of <see cref="ArticlesSeen"/> live articles
/// have their page rendered again, in <see cref="RenderMessages"/> render messages.
/// </summary>
/// <param name="Pages">Pages of work done so far (of at most <see cref="Republisher.PageSize"/> records each).</param>
public sealed record JobStatus(string Id, string Kind, JobState State, RepublishPhase Phase, int Pages,
    int SourcesSeen, int SourcesMarked, int ArticlesWeighed, int ArticlesSeen, int ArticlesQueued, int RenderMessages,
    DateTimeOffset StartedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt, string? Error)
{
    public static JobStatus Of(JobEntity job) => new(job.PartitionKey, job.Kind, Enum.Parse<JobState>(job.State), Enum.Parse<RepublishPhase>(job.Phase), job.NextPage,
        job.SourcesSeen, job.SourcesMarked, job.ArticlesWeighed, job.ArticlesSeen, job.ArticlesQueued, job.RenderMessages, job.StartedAt, job.UpdatedAt, job.FinishedAt, job.Error);
}
