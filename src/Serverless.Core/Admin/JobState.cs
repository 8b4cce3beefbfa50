
namespace Serverless.Core.Admin;

public enum JobState
{
    /// <summary>Its pages are being worked through, one queue message each.</summary>
    Running,
    Done,

    /// <summary>A page failed on its last delivery: the job stopped there, and its error says why.</summary>
    Failed,
}
