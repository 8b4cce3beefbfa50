
namespace Serverless.Core.Admin;

/// <summary>Where republish jobs are started and followed: storage itself, or the admin API of a running server.</summary>
public interface IRepublishJobs
{
    /// <summary>Starts republishing everything in the background; returns the job as it starts.</summary>
    Task<JobStatus> StartAsync(CancellationToken cancellationToken);

    /// <summary>Where the job stands; null when no job has this id.</summary>
    Task<JobStatus?> GetAsync(string id, CancellationToken cancellationToken);
}
