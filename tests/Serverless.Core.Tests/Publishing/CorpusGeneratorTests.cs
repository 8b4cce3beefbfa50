using System.Text;
using Serverless.Benchmarks;
using Serverless.Core.Articles;
using Serverless.Core.Parsing;

namespace Serverless.Core.Tests.Publishing;

/// <summary>The benchmarks' corpus generator (<c>--generate-corpus</c>): reproducible, and spread as its summary documents.</summary>
public sealed class CorpusGeneratorTests
{
    private static readonly IReadOnlyList<GeneratedArticle> Corpus = CorpusGenerator.Generate(1000, seed: 8);

    [Fact]
    public void Same_seed_gives_the_same_files_byte_for_byte()
    {
        var again = CorpusGenerator.Generate(1000, seed: 8);

        Assert.Equal(Corpus.Select(article => article.FileName), again.Select(article => article.FileName));
        Assert.All(Corpus.Zip(again), pair => Assert.Equal(pair.First.Content, pair.Second.Content));
    }

    [Fact]
    public void Another_seed_gives_other_articles()
    {
        var other = CorpusGenerator.Generate(1000, seed: 9);

        Assert.NotEqual(Corpus.Select(article => article.Title), other.Select(article => article.Title));
    }

    [Fact]
    public void Every_article_is_between_1_and_10_KB_and_sizes_span_the_range()
    {
        var sizes = Corpus.Select(article => article.Content.Length).ToList();

        Assert.All(sizes, size => Assert.InRange(size, CorpusGenerator.MinBytes, CorpusGenerator.MaxBytes));
        Assert.InRange(sizes.Count(size => size < 4 * 1024), 200, 450);
        Assert.InRange(sizes.Count(size => size > 7 * 1024), 200, 450);
    }

    [Fact]
    public void Languages_are_half_French_half_English_and_styles_four_tenths_headline_first()
    {
        Assert.InRange(Corpus.Count(article => article.Language == "fr"), 450, 550);
        Assert.InRange(Corpus.Count(article => article.Style == CorpusStyle.HeadlineFirst), 350, 450);
        Assert.All(Corpus, article => Assert.EndsWith(article.Style == CorpusStyle.HeadlineFirst ? ".txt" : ".md", article.FileName, StringComparison.Ordinal));
    }

    [Fact]
    public void File_names_and_titles_are_unique()
    {
        Assert.Equal(Corpus.Count, Corpus.Select(article => article.FileName).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(Corpus.Count, Corpus.Select(article => article.Title).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Seven_in_ten_name_other_articles_of_the_corpus_in_a_read_also_block()
    {
        var titles = Corpus.Select(article => article.Title).ToHashSet(StringComparer.Ordinal);
        var parsed = Corpus.Select(article => (article, Parsed: Parse(article))).ToList();
        var readAlso = parsed.Select(entry => entry.Parsed.Links.Where(link => link.Placement == LinkPlacement.ReadAlso).ToList()).Where(links => links.Count > 0).ToList();

        Assert.InRange(readAlso.Count, 620, 780);
        Assert.All(readAlso, links => Assert.All(links, link => Assert.Contains(link.Title, titles)));
    }

    [Fact]
    public void The_parser_reads_each_article_s_title_language_and_tags()
    {
        Assert.All(Corpus, article =>
        {
            var parsed = Parse(article);
            Assert.Equal(article.Title, parsed.Title.Replace('\u202F', ' ').Replace('\u00A0', ' '));
            Assert.Equal(article.Language, parsed.Language);
            Assert.Equal(article.Style == CorpusStyle.FrontMatter ? [article.Topic] : [], parsed.Tags.Take(1));
        });
    }

    private static Article Parse(GeneratedArticle article) =>
        new ArticleParser("en", "https://news.example.com").Parse(new ArticleSource(article.FileName, Encoding.UTF8.GetString(article.Content),
            new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero)));
}
