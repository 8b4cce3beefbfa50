
namespace Serverless.Core.Admin;

/// <summary>What a job message's delivery did.</summary>
public enum JobPageOutcome
{
    /// <summary>The page's work is done and counted, and the next page's message sent (unless it was the last).</summary>
    Worked,

    /// <summary>A delivery again of the page done last: the work was not redone, the next page's message was sent again in case a crash lost it.</summary>
    NextSentAgain,

    /// <summary>A page done already (or being done by another delivery, which counts it): nothing done.</summary>
    Duplicate,

    /// <summary>The job is done or failed: nothing done.</summary>
    JobOver,

    /// <summary>No job has this id (only a first page records its job): nothing done.</summary>
    UnknownJob,
}
