using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Serverless.Core.Parsing;

namespace Serverless.Core.Search;

/// <summary>
/// A Lucene index held in memory: opened from the files of a snapshot (or empty), changed by upserts and deletions,
/// searched with BM25 and the recency boost. The merger commits it and takes its files for storage; an instance keeps
/// its changes uncommitted and searches them at once (near-real-time readers). Thread-safe.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    private readonly RAMDirectory _directory = new();
    private readonly IndexWriter _writer;
    private readonly SearcherManager _searchers;

    private SearchIndex(IReadOnlyDictionary<string, byte[]> files)
    {
        foreach (var (name, bytes) in files)
        {
            using var output = _directory.CreateOutput(name, IOContext.DEFAULT);
            output.WriteBytes(bytes, bytes.Length);
        }
        _writer = new IndexWriter(_directory, new IndexWriterConfig(ArticleAnalyzer.Version, SearchAnalyzers.PerField)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = Similarity,
            // Merges in the committing thread: a background merge would add and drop files while a commit is listed.
            MergeScheduler = new SerialMergeScheduler(),
        });
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new Bm25SearcherFactory());
    }

    private static readonly BM25Similarity Similarity = new();

    /// <summary>An index holding the documents of a snapshot's files (none: an empty index).</summary>
    public static SearchIndex Open(IReadOnlyDictionary<string, byte[]> files) => new(files);

    public void Upsert(SearchDocument document) => _writer.UpdateDocument(new Term(SearchFields.Slug, document.Slug), ToLucene(document));

    public void Delete(string slug) => _writer.DeleteDocuments(new Term(SearchFields.Slug, slug));

    /// <summary>Makes the changes so far visible to searches.</summary>
    public void Refresh() => _searchers.MaybeRefreshBlocking();

    /// <summary>Commits, and returns the files of the commit: exactly those its segments file names, and that file.</summary>
    public IReadOnlyDictionary<string, byte[]> Commit()
    {
        _writer.Commit();
        var commit = new SegmentInfos();
        commit.Read(_directory);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in commit.GetFiles(_directory, includeSegmentsFile: true))
        {
            using var input = _directory.OpenInput(name, IOContext.READ_ONCE);
            var bytes = new byte[input.Length];
            input.ReadBytes(bytes, 0, bytes.Length);
            files[name] = bytes;
        }
        return files;
    }

    /// <summary>Documents held, after <see cref="Refresh"/>.</summary>
    public int Count
    {
        get
        {
            var searcher = _searchers.Acquire();
            try
            {
                return searcher.IndexReader.NumDocs;
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }
    }

    /// <summary>Bytes the index holds in memory.</summary>
    public long SizeInBytes => _directory.GetSizeInBytes();

    public SearchResults Search(SearchRequest request, DateTimeOffset now)
    {
        var query = SearchQueryBuilder.Build(request);
        var searcher = _searchers.Acquire();
        try
        {
            // Deep pages keep every match up to theirs, never more than the index holds: any offset pages to the end.
            var collector = new RecencyCollector((int)Math.Min((long)request.Offset + request.Top, searcher.IndexReader.MaxDoc), now.UtcTicks);
            searcher.Search(query.Query, collector);
            var hits = collector.Best().Skip(request.Offset).Select(ranked => ToHit(searcher.Doc(ranked.Doc), ranked.Score, query)).ToList();
            var next = request.Offset + hits.Count < collector.TotalHits && hits.Count > 0 ? request.Offset + hits.Count : (int?)null;
            return new SearchResults(hits, collector.TotalHits, next);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private static SearchHit ToHit(Document document, float score, SearchQuery query)
    {
        var language = SearchLanguages.Of(Stored(document, SearchFields.Language));
        return new SearchHit(Stored(document, SearchFields.Slug), Stored(document, SearchFields.Title), Stored(document, SearchFields.Description),
            Stored(document, SearchFields.Language), new DateTimeOffset(document.GetField(SearchFields.Published).GetInt64Value() ?? 0, TimeSpan.Zero), score,
            SnippetBuilder.Build(Stored(document, SearchFields.Body), language, query.MatchingTerms[language]));
    }

    private static string Stored(Document document, string field) => document.Get(field, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;

    private static Document ToLucene(SearchDocument article)
    {
        var language = SearchLanguages.Of(article.Language);
        var document = new Document
        {
            new StringField(SearchFields.Slug, article.Slug, Field.Store.YES),
            new StoredField(SearchFields.Title, article.Title),
            new StoredField(SearchFields.Description, article.Description),
            new StoredField(SearchFields.Body, article.Body),
            new StoredField(SearchFields.Language, article.Language),
            new Int64Field(SearchFields.Published, article.Published.UtcTicks, Field.Store.YES),
            new NumericDocValuesField(SearchFields.PublishedValues, article.Published.UtcTicks),
        };
        foreach (var (field, text) in new[] { (SearchFields.Title, article.Title), (SearchFields.Description, article.Description), (SearchFields.Body, article.Body) })
        {
            document.Add(new TextField(SearchFields.Text(field, language, matching: false), text, Field.Store.NO));
            document.Add(new TextField(SearchFields.Text(field, language, matching: true), text, Field.Store.NO));
        }
        foreach (var tag in article.Tags.Select(Slugs.From).Where(tag => tag.Length > 0).Distinct(StringComparer.Ordinal))
        {
            document.Add(new StringField(SearchFields.Tag, tag, Field.Store.NO));
        }
        if (article.Author is { } author)
        {
            document.Add(new StringField(SearchFields.Author, Slugs.From(author), Field.Store.NO));
        }
        return document;
    }

    public void Dispose()
    {
        _searchers.Dispose();
        _writer.Dispose();
        _directory.Dispose();
    }

    /// <summary>Searchers score with BM25, as the writer's norms were computed for.</summary>
    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = Similarity };
    }
}
