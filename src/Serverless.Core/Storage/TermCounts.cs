namespace Serverless.Core.Storage;

/// <summary>
/// Document frequencies of some terms (a term absent counts zero) and the corpus size, as merged when read, with the
/// article's own counts and what is merged for the slug it moves from, if any.
/// </summary>
public sealed record TermCounts(IReadOnlyDictionary<string, int> Frequencies, int Corpus, ArticleCounts Article, CountedTerms? MergedAtPreviousSlug)
{
    public int DocumentFrequency(string term) => Frequencies.GetValueOrDefault(term);
}
