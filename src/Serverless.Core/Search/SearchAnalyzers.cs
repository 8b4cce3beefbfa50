using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.TokenAttributes;

namespace Serverless.Core.Search;

/// <summary>
/// The analyzer of every text field (<see cref="SearchFields.Text"/>), chosen by its name, for indexing and for
/// queries alike; and the terms a piece of text gives in one field.
/// </summary>
public static class SearchAnalyzers
{
    private static readonly Dictionary<(SearchLanguage, bool), ArticleAnalyzer> Analyzers =
        SearchLanguages.All.SelectMany(language => new[] { false, true }.Select(matching => (language, matching)))
            .ToDictionary(key => key, key => new ArticleAnalyzer(key.language, key.matching));

    /// <summary>Every text field's analyzer; untouched fields (slug, tags, author) are not analysed.</summary>
    public static Analyzer PerField { get; } = new PerFieldAnalyzerWrapper(Analyzers[(SearchLanguage.Other, false)],
        SearchFields.Weighted.SelectMany(field => Analyzers.Select(entry => (Name: SearchFields.Text(field.Name, entry.Key.Item1, entry.Key.Item2), Analyzer: (Analyzer)entry.Value)))
            .ToDictionary(entry => entry.Name, entry => entry.Analyzer));

    public static ArticleAnalyzer For(SearchLanguage language, bool matching) => Analyzers[(language, matching)];

    /// <summary>The terms <paramref name="text"/> gives in the language's exact or matching form, in order.</summary>
    public static List<string> Terms(string text, SearchLanguage language, bool matching)
    {
        var terms = new List<string>();
        using var stream = For(language, matching).GetTokenStream(SearchFields.Body, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }
        stream.End();
        return terms;
    }
}
