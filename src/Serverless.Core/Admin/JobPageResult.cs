
namespace Serverless.Core.Admin;

/// <param name="Status">The job after this delivery; null for an unknown job.</param>
public sealed record JobPageResult(string Job, int Page, JobPageOutcome Outcome, JobStatus? Status);
