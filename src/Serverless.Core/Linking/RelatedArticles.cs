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
public sealed class RelatedArticles(IndexReadCache reads)
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
        var keywords = Json.Write(profile.Keywords);
        var authorTags = Json.Write(profile.Tags);
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
                KeywordsJson = keywords,
                TagsJson = authorTags,
            };
            return new ArticleIndex.Entry(IndexTable.Keywords, row, $"{title}\n{profile.Language}\n{profile.Published:O}\n{weight}\n{keywords}\n{authorTags}");
        }
    }

    /// <summary>Every article scoring at least <see cref="Threshold"/> with <paramref name="profile"/>, best first.</summary>
    /// <param name="fresh">The render's reads (shared with others as fresh); null reads the index now.</param>
    public async Task<IReadOnlyList<RelatedCandidate>> FindAsync(RelatednessProfile profile, CancellationToken cancellationToken, FreshReads? fresh = null)
    {
        fresh ??= reads.After(null);
        var tags = profile.TagKeys.Take(MaxTags).ToList();
        var tagWeight = tags.Count == 0 ? 0 : 1 / Math.Sqrt(tags.Count);
        var lookups = await Task.WhenAll(
            profile.Keywords.Select(async pair => new CandidateRows(pair.Value, IsTag: false,
                    await fresh.TopArticlesAsync(TableKeys.KeywordPartition(pair.Key), CandidatesPerTerm, cancellationToken)))
                .Concat(tags.Select(async tag => new CandidateRows(tagWeight, IsTag: true,
                    await fresh.TopArticlesAsync(TableKeys.TagPartition(tag), CandidatesPerTerm, cancellationToken)))));
        return Rank(profile, lookups);
    }

    /// <summary>
    /// Scores the candidates read from the index partitions of <paramref name="profile"/>'s keywords and tags (each
    /// <see cref="CandidateRows"/> with the profile's own weight for that keyword or tag): every one scoring at least
    /// <see cref="Threshold"/>, best first.
    /// </summary>
    public static IReadOnlyList<RelatedCandidate> Rank(RelatednessProfile profile, IEnumerable<CandidateRows> lookups)
    {
        var candidates = new Dictionary<string, (KeywordEntity Row, double Keywords, double Tags)>(StringComparer.Ordinal);
        foreach (var (weight, isTag, rows) in lookups)
        {
            foreach (var row in rows.Where(row => row.Slug != profile.Slug))
            {
                var (_, keywords, sharedTags) = candidates.GetValueOrDefault(row.Slug, (row, 0, 0));
                candidates[row.Slug] = isTag ? (row, keywords, sharedTags + weight * row.Weight) : (row, keywords + weight * row.Weight, sharedTags);
            }
        }
        // A candidate is scored on its whole profile when its row carries it: one found among the first rows of only
        // some of the partitions it shares with the article would otherwise be scored on those alone.
        return [.. candidates.Values
            .Select(candidate => new RelatedCandidate(candidate.Row.Slug, candidate.Row.Title, candidate.Row.HasProfile
                ? Similarity(profile, candidate.Row.Profile())
                : Score(profile, candidate.Row, candidate.Keywords, candidate.Tags)))
            .Where(candidate => candidate.Score >= Threshold)
            .OrderByDescending(candidate => candidate.Score).ThenBy(candidate => candidate.Slug, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The score of two articles compared in full (every keyword and tag, no index in between): what <see cref="Rank"/>
    /// gives a candidate it found through all the partitions the two share.
    /// </summary>
    public static double Similarity(RelatednessProfile profile, RelatednessProfile other)
    {
        var keywordCosine = profile.Keywords.Sum(pair => other.Keywords.TryGetValue(pair.Key, out var weight) ? pair.Value * weight : 0);
        var tags = profile.TagKeys.Take(MaxTags).ToList();
        var otherTags = other.TagKeys.Take(MaxTags).ToList();
        var tagCosine = tags.Intersect(otherTags, StringComparer.Ordinal).Count() / Math.Sqrt(Math.Max(1, tags.Count * otherTags.Count));
        var row = new KeywordEntity { Slug = other.Slug, Language = other.Language, Published = other.Published };
        return Score(profile, row, keywordCosine, tagCosine);
    }

    /// <summary>
    /// Which corpus size an article's keywords were weighed against, in steps of √2: weights change little while the
    /// corpus stays within a step, and each step has an index partition listing the articles weighed in it.
    /// </summary>
    public static int Generation(int corpus) => corpus <= 1 ? 0 : (int)Math.Floor(2 * Math.Log2(corpus));

    /// <summary>
    /// Whether keywords weighed in <paramref name="generation"/> should be weighed again against a corpus of
    /// <paramref name="corpus"/> articles: once it has at least doubled (two steps of √2). Each article is then weighed
    /// again a few times in the life of a corpus (about log2 of its growth), whatever its size.
    /// </summary>
    public static bool IsDue(int generation, int corpus) => Generation(corpus) >= generation + 2;

    /// <summary>Symmetric in the two articles, so that a new article finds every existing one whose list it enters.</summary>
    /// <param name="keywordCosine">The dot product of the two articles' keyword weights (both of unit length).</param>
    /// <param name="tagCosine">The dot product of their tag weights (1/√tags each).</param>
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
