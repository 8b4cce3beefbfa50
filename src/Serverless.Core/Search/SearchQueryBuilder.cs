using Lucene.Net.Index;
using Lucene.Net.Search;
using Serverless.Core.Parsing;

namespace Serverless.Core.Search;

/// <summary>
/// Builds the query for a reader's words. Every word must match (in the title, description or body, in any language's
/// analysis), except words that are stop words in some language ("les", "the"), which only add to the score. For each
/// word and field: the exact form (accents kept) and the matching form (stemmed and folded) both score, so exact
/// matches rank first; a word of <see cref="SearchLimits.FuzzyMinLength"/> letters or more also matches words of the
/// text one edit away, with a lower weight. Filters (tag, author, dates) restrict without scoring.
/// </summary>
public static class SearchQueryBuilder
{
    private const float ExactWeight = 0.5f;
    private const float FuzzyWeight = 0.3f;

    public static SearchQuery Build(SearchRequest request)
    {
        // The words as a reader typed them: elisions cut, lower case; nothing dropped yet.
        var words = SearchAnalyzers.Terms(request.Text, SearchLanguage.Other, matching: false).Distinct(StringComparer.Ordinal).ToList();
        if (words.Count > SearchLimits.MaxWords)
        {
            throw new InvalidSearchException("Too many words", $"Search for at most {SearchLimits.MaxWords} words at a time.");
        }
        var query = new BooleanQuery();
        var matchingTerms = SearchLanguages.All.ToDictionary(language => language, _ => new HashSet<string>(StringComparer.Ordinal));
        var required = 0;
        foreach (var word in words)
        {
            var wordQuery = new BooleanQuery();
            var isStopWord = false;
            foreach (var language in SearchLanguages.All)
            {
                var exact = SearchAnalyzers.Terms(word, language, matching: false);
                var matching = SearchAnalyzers.Terms(word, language, matching: true);
                isStopWord |= exact.Count == 0;
                matchingTerms[language].UnionWith(matching);
                foreach (var field in SearchFields.Weighted)
                {
                    foreach (var term in exact)
                    {
                        var name = SearchFields.Text(field.Name, language, matching: false);
                        wordQuery.Add(Weighted(new TermQuery(new Term(name, term)), field.Weight * ExactWeight), Occur.SHOULD);
                        if (term.Length >= SearchLimits.FuzzyMinLength)
                        {
                            // Typos against the words as written: a stem is shorter, and a typo can change it beyond one edit.
                            var fuzzy = new FuzzyQuery(new Term(name, term), SearchLimits.FuzzyMaxEdits, prefixLength: 1, SearchLimits.FuzzyMaxExpansions, transpositions: true);
                            wordQuery.Add(Weighted(fuzzy, field.Weight * FuzzyWeight), Occur.SHOULD);
                        }
                    }
                    foreach (var term in matching)
                    {
                        wordQuery.Add(Weighted(new TermQuery(new Term(SearchFields.Text(field.Name, language, matching: true), term)), field.Weight), Occur.SHOULD);
                    }
                }
            }
            if (wordQuery.Clauses.Count == 0)
            {
                continue; // a stop word in every language
            }
            required += isStopWord ? 0 : 1;
            query.Add(wordQuery, isStopWord ? Occur.SHOULD : Occur.MUST);
        }
        if (required == 0)
        {
            // Only words too common to tell articles apart ("le", "the"), or none at all.
            throw new InvalidSearchException("Nothing to search for", "Type one or more words to search for, other than words as common as “le” or “the”.");
        }
        if (request.Tag is { } tag)
        {
            query.Add(Filter(new TermQuery(new Term(SearchFields.Tag, Slugs.From(tag)))), Occur.MUST);
        }
        if (request.Author is { } author)
        {
            query.Add(Filter(new TermQuery(new Term(SearchFields.Author, Slugs.From(author)))), Occur.MUST);
        }
        if (request.From is not null || request.To is not null)
        {
            query.Add(Filter(NumericRangeQuery.NewInt64Range(SearchFields.Published, request.From?.UtcTicks, request.To?.UtcTicks, true, true)), Occur.MUST);
        }
        return new SearchQuery(query, matchingTerms.ToDictionary(entry => entry.Key, entry => (IReadOnlySet<string>)entry.Value));
    }

    private static Query Weighted(Query query, float weight)
    {
        query.Boost = weight;
        return query;
    }

    /// <summary>A condition that adds nothing to the score.</summary>
    private static ConstantScoreQuery Filter(Query query) => new ConstantScoreQuery(query) { Boost = 0 };
}
