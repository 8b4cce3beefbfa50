namespace Serverless.Core.Storage;

/// <summary>
/// Work that depends on an output switch having won, recorded by the switch itself so that a crash before it is done
/// leaves it to the next render rather than losing it: the outputs to bring in line with the record, what the
/// previous version left behind, and the articles whose pages show this one.
/// </summary>
public sealed record PendingWork(IReadOnlyList<string> StaleListingRows, IReadOnlyList<string> StalePages, IReadOnlyList<string> Notify);
