namespace Serverless.Core.Storage;

/// <summary>How the latest processing of an uploaded blob went.</summary>
public enum SourceStatus
{
    Published,
    Failed,
    Draft,
    /// <summary>Dated in the future (<see cref="SourceEntity.ReleaseAt"/>): not public until then.</summary>
    Scheduled,
    /// <summary>Not an article (wrong extension): kept in the container, never rendered.</summary>
    Ignored,
}
