using Lucene.Net.Search;

namespace Serverless.Core.Search;

/// <summary>A request made into a Lucene query, with the terms its words give in each language (to mark them in snippets).</summary>
public sealed record SearchQuery(Query Query, IReadOnlyDictionary<SearchLanguage, IReadOnlySet<string>> MatchingTerms);
