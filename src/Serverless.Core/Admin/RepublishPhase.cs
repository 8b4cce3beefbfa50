
namespace Serverless.Core.Admin;

/// <summary>What a republish job works through, in this order.</summary>
public enum RepublishPhase
{
    /// <summary>Every source record, marked for ingest again by the next reconciliation.</summary>
    Sources,

    /// <summary>Every live article, its page rendered again (render messages sent).</summary>
    Articles,
}
