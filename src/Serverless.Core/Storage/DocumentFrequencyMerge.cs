namespace Serverless.Core.Storage;

/// <summary>
/// What one pass of <see cref="DocumentFrequencyMerger"/> did: the pending rows it merged, and whether it read them all
/// (false when it stopped at <see cref="DocumentFrequencyMerger.MaxPerPass"/>, leaving the rest to another pass).
/// </summary>
public sealed record DocumentFrequencyMerge(int Merged, bool Complete);
