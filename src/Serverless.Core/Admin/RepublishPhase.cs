
namespace Serverless.Core.Admin;

/// <summary>What a republish job works through, in this order.</summary>
public enum RepublishPhase
{
    /// <summary>Every source record, marked for ingest again by the next reconciliation.</summary>
    Sources,

    /// <summary>
    /// Every live article's keywords weighed again against the corpus of today, due or not: one published early keeps
    /// weights from the corpus it was last weighed in (<see cref="Render.KeywordReweigher"/>), so the order of its
    /// suggestions depends on the order the articles came in. After this phase it does not.
    /// </summary>
    Keywords,

    /// <summary>Every live article, its page rendered again (render messages sent).</summary>
    Articles,
}
