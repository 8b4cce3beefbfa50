using Serverless.Core.Storage;

namespace Serverless.Core.Linking;

/// <summary>What computed relatedness knows of an article: its weighted keywords, tags, language and date.</summary>
public sealed record RelatednessProfile(string Slug, IReadOnlyDictionary<string, double> Keywords, IReadOnlyList<string> Tags, string Language, DateTimeOffset Published)
{
    public IReadOnlyList<string> TagKeys { get; } = [.. Tags.Select(Linking.Keywords.TagKey).Where(key => key.Length > 0).Distinct(StringComparer.Ordinal)];
}

/// <summary>An article suggested as related, with its score (0–1).</summary>
public sealed record RelatedCandidate(string Slug, string Title, double Score);

/// <summary>
/// Computed "read also": TF-IDF keywords chosen per article at ingest, then at render the articles sharing keywords or
/// tags, found through the keyword index and scored by cosine similarity of keyword weights, shared tags, nearness in
/// date and language. Unlike a corpus-wide full-text match (YARPP) it reads a bounded number of index partitions,
/// whatever the corpus size; unlike Hugo's indices it weighs words by how distinctive they are, not only by presence.
/// The score is symmetric, so the articles that should suggest a new one are among those it finds itself.
/// </summary>
public sealed class RelatedArticles(ArticleIndex index)
{
    /// <summary>Keywords kept per article, after weighting.</summary>
    public const int MaxKeywords = 10;

    /// <summary>Tags an article is found by.</summary>
    public const int MaxTags = 10;

    /// <summary>Computed suggestions shown per page.</summary>
    public const int MaxShown = 5;

    /// <summary>Articles read per keyword or tag: those the term weighs most, or the tag's newest.</summary>
    public const int CandidatesPerTerm = 50;

    /// <summary>Suggestions scoring below this are weak matches and left out.</summary>
    public const double Threshold = 0.12;

    /// <summary>A term more than this share of the corpus uses says nothing about a topic ("film" on a film site); it is dropped.</summary>
    public const double MaxDocumentShare = 0.25;

    /// <summary>Below this many articles no term is dropped for being common: shares mean little in a tiny corpus.</summary>
    private const int MinDocumentsForShare = 3;

    private const double KeywordWeight = 0.7;
    private const double TagWeight = 0.3;

    /// <summary>
    /// The article's keywords: its counted terms weighted by (1 + ln tf) × ln(1 + N / df), the common ones dropped, the
    /// <see cref="MaxKeywords"/> heaviest kept and normalised to unit length (so a dot product is a cosine).
    /// </summary>
    /// <param name="documentFrequency">How many articles count the term, this one included.</param>
    /// <param name="corpus">How many articles are counted, this one included.</param>
    public static IReadOnlyDictionary<string, double> WeighKeywords(IReadOnlyDictionary<string, int> terms, Func<string, int> documentFrequency, int corpus)
    {
        corpus = Math.Max(corpus, 1);
        var weights = new List<(string Term, double Weight)>();
        foreach (var (term, frequency) in terms)
        {
            var df = Math.Clamp(documentFrequency(term), 1, corpus);
            if (df >= MinDocumentsForShare && df > MaxDocumentShare * corpus)
            {
                continue;
            }
            weights.Add((term, (1 + Math.Log(frequency)) * Math.Log(1 + (double)corpus / df)));
        }
        var kept = weights.OrderByDescending(pair => pair.Weight).ThenBy(pair => pair.Term, StringComparer.Ordinal).Take(MaxKeywords).ToList();
        var norm = Math.Sqrt(kept.Sum(pair => pair.Weight * pair.Weight));
        return norm == 0 ? new Dictionary<string, double>() : kept.ToDictionary(pair => pair.Term, pair => Math.Round(pair.Weight / norm, 4), StringComparer.Ordinal);
    }

    /// <summary>The index rows an article is found by: one per keyword and per tag.</summary>
    public static IEnumerable<ArticleIndex.Entry> IndexEntries(RelatednessProfile profile, string title)
    {
        foreach (var (term, weight) in profile.Keywords)
        {
            yield return Entry(TableKeys.KeywordPartition(term), weight);
        }
        var tags = profile.TagKeys.Take(MaxTags).ToList();
        foreach (var tag in tags)
        {
            // Newest first: a tag's rows all weigh about the same (1/√tags), so weight would order them by slug; in a tag
            // of 50,000 articles the candidates read are then the newest, which the score favours anyway.
            yield return Entry(TableKeys.TagPartition(tag), 1 / Math.Sqrt(tags.Count), TableKeys.ListingRow(profile.Published, profile.Slug));
        }

        ArticleIndex.Entry Entry(string partition, double weight, string? rowKey = null)
        {
            var row = new KeywordEntity
            {
                PartitionKey = partition,
                RowKey = rowKey ?? TableKeys.KeywordRow(weight, profile.Slug),
                Slug = profile.Slug,
                Title = title,
                Language = profile.Language,
                Published = profile.Published,
                Weight = weight,
            };
            return new ArticleIndex.Entry(IndexTable.Keywords, row, $"{title}\n{profile.Language}\n{profile.Published:O}\n{weight}");
        }
    }

    /// <summary>Every article scoring at least <see cref="Threshold"/> with <paramref name="profile"/>, best first.</summary>
    public async Task<IReadOnlyList<RelatedCandidate>> FindAsync(RelatednessProfile profile, CancellationToken cancellationToken)
    {
        var tags = profile.TagKeys.Take(MaxTags).ToList();
        var tagWeight = tags.Count == 0 ? 0 : 1 / Math.Sqrt(tags.Count);
        var lookups = profile.Keywords.Select(pair => (Weight: pair.Value, IsTag: false, Rows: index.TopArticlesAsync(TableKeys.KeywordPartition(pair.Key), CandidatesPerTerm, cancellationToken)))
            .Concat(tags.Select(tag => (Weight: tagWeight, IsTag: true, Rows: index.TopArticlesAsync(TableKeys.TagPartition(tag), CandidatesPerTerm, cancellationToken))))
            .ToList();
        await Task.WhenAll(lookups.Select(lookup => lookup.Rows));

        var candidates = new Dictionary<string, (KeywordEntity Row, double Keywords, double Tags)>(StringComparer.Ordinal);
        foreach (var (weight, isTag, rows) in lookups)
        {
            foreach (var row in rows.Result.Where(row => row.Slug != profile.Slug))
            {
                var (_, keywords, sharedTags) = candidates.GetValueOrDefault(row.Slug, (row, 0, 0));
                candidates[row.Slug] = isTag ? (row, keywords, sharedTags + weight * row.Weight) : (row, keywords + weight * row.Weight, sharedTags);
            }
        }
        return [.. candidates.Values
            .Select(candidate => new RelatedCandidate(candidate.Row.Slug, candidate.Row.Title, Score(profile, candidate.Row, candidate.Keywords, candidate.Tags)))
            .Where(candidate => candidate.Score >= Threshold)
            .OrderByDescending(candidate => candidate.Score).ThenBy(candidate => candidate.Slug, StringComparer.Ordinal)];
    }

    /// <summary>Symmetric in the two articles, so that a new article finds every existing one whose list it enters.</summary>
    private static double Score(RelatednessProfile profile, KeywordEntity candidate, double keywordCosine, double tagCosine)
    {
        var topical = KeywordWeight * keywordCosine + TagWeight * tagCosine;
        // Nearness in date: a story and its follow-up a week later beat one from years apart on the same subject.
        var days = Math.Abs((profile.Published - candidate.Published).TotalDays);
        var recency = 0.8 + 0.2 * Math.Exp(-days / 90);
        var language = SameLanguage(profile.Language, candidate.Language) ? 1 : 0.6;
        return Math.Round(topical * recency * language, 4);
    }

    private static bool SameLanguage(string a, string b) =>
        string.Equals(a.Split('-')[0], b.Split('-')[0], StringComparison.OrdinalIgnoreCase);
}
