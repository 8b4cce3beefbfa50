using Serverless.Core.Linking;
using Serverless.Core.Storage;

namespace Serverless.Core.Tests.Linking;

/// <summary>
/// Whether related lists computed the way the pipeline computes them (keywords weighed at ingest against the corpus of
/// the day, weighed again as it doubles, candidates read 50 per keyword and tag partition in the index's own key order)
/// agree with a full batch over the final corpus (every keyword weighed against the final frequencies, every pair of
/// articles compared). A generated archive of 10,000 articles arrives in date order, as an import would.
/// <para>
/// Agreement, for a fixed set of 100 articles (every 100th): the share of the batch's suggestions (at most
/// <see cref="RelatedArticles.MaxShown"/>) that the pipeline's list also holds, averaged; and the share of articles whose
/// two lists are identical, in order. The storage side (the re-weighing chain on Azurite) is proven by
/// <c>KeywordReweighingTests</c>; this measures the method, which only a corpus of this size can.
/// </para>
/// </summary>
public sealed class RelatednessAgreementTests(ITestOutputHelper output)
{
    private const int CorpusSize = 10_000;
    private const int FixedEvery = 100;

    private static readonly Lazy<Outcome> Measured = new(() => Measure(reweigh: true));
    private static readonly Lazy<Outcome> Frozen = new(() => Measure(reweigh: false));

    [Fact]
    public void Related_lists_agree_with_a_full_batch_over_ten_thousand_articles()
    {
        var outcome = Measured.Value;
        output.WriteLine($"Re-weighed as the corpus doubles: overlap {outcome.Overlap:P1}, identical lists {outcome.Identical:P1}, {outcome.Reweighs:N0} re-weighings");

        // Measured 93.6 % and 54 % (lists differ mostly in order, between articles weighed against half the corpus or all of it).
        Assert.True(outcome.Overlap >= 0.90, $"Overlap with the batch's lists is {outcome.Overlap:P1}.");
        Assert.True(outcome.Identical >= 0.50, $"Identical lists: {outcome.Identical:P1}.");
    }

    [Fact]
    public void Weighing_keywords_again_as_the_corpus_doubles_agrees_better_than_weights_frozen_at_ingest()
    {
        var (measured, frozen) = (Measured.Value, Frozen.Value);
        output.WriteLine($"Frozen at ingest: overlap {frozen.Overlap:P1}, identical lists {frozen.Identical:P1}");

        // Measured 88.0 % overlap and 28 % identical lists when frozen.
        Assert.True(measured.Overlap > frozen.Overlap, $"Re-weighed {measured.Overlap:P1}, frozen {frozen.Overlap:P1}.");
        Assert.True(measured.Identical > frozen.Identical, $"Re-weighed {measured.Identical:P1}, frozen {frozen.Identical:P1}.");
    }

    [Fact]
    public void Each_article_is_weighed_again_a_few_times_not_once_per_publish()
    {
        // Doubling steps from 1 to 10,000 are about 13: the total stays a small multiple of the corpus.
        Assert.InRange(Measured.Value.Reweighs, 1, 3 * CorpusSize);
    }

    private sealed record Outcome(double Overlap, double Identical, int Reweighs);

    private sealed record GeneratedArticle(string Slug, IReadOnlyDictionary<string, int> Terms, IReadOnlyList<string> Tags, DateTimeOffset Published);

    private static Outcome Measure(bool reweigh)
    {
        var corpus = Generate();
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        var weights = new IReadOnlyDictionary<string, double>[corpus.Count];
        var generations = new int[corpus.Count];
        var reweighs = 0;
        for (var index = 0; index < corpus.Count; index++)
        {
            foreach (var term in corpus[index].Terms.Keys)
            {
                documentFrequency[term] = documentFrequency.GetValueOrDefault(term) + 1;
            }
            var size = index + 1;
            weights[index] = Weigh(corpus[index], documentFrequency, size);
            generations[index] = RelatedArticles.Generation(size);
            if (reweigh && RelatedArticles.Generation(size) > RelatedArticles.Generation(size - 1))
            {
                for (var earlier = 0; earlier < index; earlier++)
                {
                    if (RelatedArticles.IsDue(generations[earlier], size))
                    {
                        weights[earlier] = Weigh(corpus[earlier], documentFrequency, size);
                        generations[earlier] = RelatedArticles.Generation(size);
                        reweighs++;
                    }
                }
            }
        }
        var pipeline = corpus.Select((article, index) => Profile(article, weights[index])).ToList();
        var batch = corpus.Select(article => Profile(article, Weigh(article, documentFrequency, corpus.Count))).ToList();
        var partitions = IndexPartitions(pipeline);

        double overlap = 0;
        var identical = 0;
        var fixedSet = Enumerable.Range(0, corpus.Count).Where(index => index % FixedEvery == FixedEvery / 2).ToList();
        foreach (var index in fixedSet)
        {
            var found = RelatedArticles.Rank(pipeline[index], Lookups(pipeline[index], partitions)).Take(RelatedArticles.MaxShown).Select(candidate => candidate.Slug).ToList();
            var expected = batch.Where(other => other.Slug != batch[index].Slug)
                .Select(other => (other.Slug, Score: RelatedArticles.Similarity(batch[index], other)))
                .Where(pair => pair.Score >= RelatedArticles.Threshold)
                .OrderByDescending(pair => pair.Score).ThenBy(pair => pair.Slug, StringComparer.Ordinal)
                .Take(RelatedArticles.MaxShown).Select(pair => pair.Slug).ToList();
            overlap += expected.Count == 0 ? (found.Count == 0 ? 1 : 0) : (double)expected.Intersect(found, StringComparer.Ordinal).Count() / expected.Count;
            identical += expected.SequenceEqual(found, StringComparer.Ordinal) ? 1 : 0;
        }
        return new Outcome(overlap / fixedSet.Count, (double)identical / fixedSet.Count, reweighs);
    }

    private static IReadOnlyDictionary<string, double> Weigh(GeneratedArticle article, Dictionary<string, int> documentFrequency, int corpus) =>
        RelatedArticles.WeighKeywords(article.Terms, term => documentFrequency[term], corpus);

    private static RelatednessProfile Profile(GeneratedArticle article, IReadOnlyDictionary<string, double> keywords) =>
        new(article.Slug, keywords, article.Tags, "fr", article.Published);

    /// <summary>The keyword and tag partitions as the index holds them: rows in RowKey order, as a query returns them.</summary>
    private static Dictionary<string, List<KeywordEntity>> IndexPartitions(IEnumerable<RelatednessProfile> profiles) =>
        profiles.SelectMany(profile => RelatedArticles.IndexEntries(profile, profile.Slug)).Select(entry => (KeywordEntity)entry.Entity)
            .GroupBy(row => row.PartitionKey, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.OrderBy(row => row.RowKey, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    /// <summary>What <see cref="RelatedArticles.FindAsync"/> reads: the first 50 rows of each of the article's keyword and tag partitions.</summary>
    private static IEnumerable<CandidateRows> Lookups(RelatednessProfile profile, Dictionary<string, List<KeywordEntity>> partitions)
    {
        var tags = profile.TagKeys.Take(RelatedArticles.MaxTags).ToList();
        return profile.Keywords.Select(pair => new CandidateRows(pair.Value, IsTag: false, Top(TableKeys.KeywordPartition(pair.Key))))
            .Concat(tags.Select(tag => new CandidateRows(1 / Math.Sqrt(tags.Count), IsTag: true, Top(TableKeys.TagPartition(tag)))));

        IReadOnlyList<KeywordEntity> Top(string partition) =>
            partitions.TryGetValue(partition, out var rows) ? rows.Take(RelatedArticles.CandidatesPerTerm).ToList() : [];
    }

    /// <summary>
    /// An archive in date order: 150 subjects of unequal size (a few big ones, many small), each with its own words,
    /// articles mixing a main subject, sometimes a second one, and words common to all subjects; a tag per subject and a
    /// broad "politique" tag on a third of them.
    /// </summary>
    private static List<GeneratedArticle> Generate()
    {
        var random = new Random(20261204);
        const int subjects = 150;
        var start = new DateTimeOffset(2020, 1, 1, 6, 0, 0, TimeSpan.Zero);
        var articles = new List<GeneratedArticle>(CorpusSize);
        for (var index = 0; index < CorpusSize; index++)
        {
            var main = Zipf(random, subjects);
            var terms = new Dictionary<string, int>(StringComparer.Ordinal);
            AddWords(terms, random, $"s{main}w", 40, count: 10, maxFrequency: 6);
            var tags = new List<string> { $"sujet-{main}" };
            if (random.NextDouble() < 0.5)
            {
                var second = Zipf(random, subjects);
                AddWords(terms, random, $"s{second}w", 40, count: 4, maxFrequency: 3);
                tags.Add($"sujet-{second}");
            }
            AddWords(terms, random, "g", 3000, count: 12, maxFrequency: 3);
            if (random.NextDouble() < 0.33)
            {
                tags.Add("politique");
            }
            // An article keeps its 20 most frequent terms, as the parser does (Keywords.MaxTerms).
            var kept = terms.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Take(Keywords.MaxTerms)
                .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
            articles.Add(new GeneratedArticle($"article-{index:D5}", kept, [.. tags.Distinct()], start.AddHours(index)));
        }
        return articles;
    }

    private static void AddWords(Dictionary<string, int> terms, Random random, string prefix, int vocabulary, int count, int maxFrequency)
    {
        for (var word = 0; word < count; word++)
        {
            var term = prefix + Zipf(random, vocabulary);
            terms[term] = terms.GetValueOrDefault(term) + random.Next(1, maxFrequency + 1);
        }
    }

    /// <summary>A rank in [0, n) drawn with probability proportional to 1 / (rank + 1).</summary>
    private static int Zipf(Random random, int n)
    {
        var harmonic = Math.Log(n) + 0.5772;
        var target = random.NextDouble() * harmonic;
        var sum = 0.0;
        for (var rank = 0; rank < n; rank++)
        {
            sum += 1.0 / (rank + 1);
            if (sum >= target)
            {
                return rank;
            }
        }
        return n - 1;
    }
}
