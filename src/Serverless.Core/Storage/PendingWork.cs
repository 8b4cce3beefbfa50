namespace Serverless.Core.Storage;

/// <summary>
/// Work that depends on an output switch having won, recorded by the switch itself so that a crash before it is done
/// leaves it to the next render rather than losing it: the outputs to bring in line with the record, what the
/// previous version left behind, the articles whose pages show this one, and the related pages offered this one.
/// </summary>
public sealed record PendingWork(IReadOnlyList<string> StaleListingRows, IReadOnlyList<string> StalePages, IReadOnlyList<string> Notify)
{
    /// <summary>
    /// The best-scoring related articles, with this one's score in each, when a change of the article may let it into
    /// their related lists: each page is offered it, and renders only if it can enter (<c>RelatedOffer</c>).
    /// </summary>
    public IReadOnlyList<Linking.RelatedCandidate> Offers { get; init; } = [];
}
