using Serverless.Core.Search;

namespace Serverless.Core.Tests.Search;

/// <summary>Ranking, typos, filters and paging of the in-memory index.</summary>
public sealed class SearchIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    private static SearchDocument Doc(string slug, string title, string body, string language = "fr", int daysOld = 400, string? author = null, params string[] tags) =>
        new(slug, title, "", body, language, author, tags, Now.AddDays(-daysOld));

    private static SearchIndex IndexOf(params SearchDocument[] documents)
    {
        var index = SearchIndex.Open(new Dictionary<string, byte[]>());
        foreach (var document in documents)
        {
            index.Upsert(document);
        }
        index.Refresh();
        return index;
    }

    private static List<string> Slugs(SearchIndex index, string text) => [.. index.Search(new SearchRequest(text), Now).Hits.Select(hit => hit.Slug)];

    [Fact]
    public void One_typo_per_long_word_still_finds_the_article()
    {
        using var index = IndexOf(Doc("interview", "The Interview", "Les Anonymous diffusent le film sur BitTorrent."), Doc("other", "Autre", "Rien à voir."));

        Assert.Equal(["interview"], Slugs(index, "anonymus bittorent"));
    }

    [Fact]
    public void Exact_matches_rank_above_fuzzy_ones()
    {
        using var index = IndexOf(Doc("fuzzy", "Un article", "Les hackers ont piraté le studio."), Doc("exact", "Un article", "Les hackers ont piraté la studie."));

        Assert.Equal(["exact", "fuzzy"], Slugs(index, "studie"));
    }

    [Fact]
    public void Accented_forms_rank_above_folded_ones_and_both_match()
    {
        using var index = IndexOf(Doc("folded", "Sur la securite", "Texte."), Doc("accented", "Sur la sécurité", "Texte."));

        Assert.Equal(["accented", "folded"], Slugs(index, "sécurité"));
        Assert.Equal(["folded", "accented"], Slugs(index, "securite"));
    }

    [Fact]
    public void Title_matches_rank_above_body_matches()
    {
        using var index = IndexOf(Doc("body", "Un article", "Le piratage du studio."), Doc("title", "Le piratage", "Un studio."));

        Assert.Equal(["title", "body"], Slugs(index, "piratage"));
    }

    [Fact]
    public void A_fresh_article_ranks_above_an_equally_relevant_old_one()
    {
        using var index = IndexOf(Doc("old", "Piratage", "Texte.", daysOld: 300), Doc("new", "Piratage", "Texte.", daysOld: 1));

        Assert.Equal(["new", "old"], Slugs(index, "piratage"));
    }

    [Fact]
    public void Every_word_must_match_except_stop_words()
    {
        using var index = IndexOf(Doc("both", "Sony", "Le piratage."), Doc("one", "Sony", "Le film."));

        Assert.Equal(["both"], Slugs(index, "le piratage de sony"));
    }

    [Fact]
    public void Filters_keep_the_tag_author_and_dates_asked_for()
    {
        using var index = IndexOf(Doc("a", "Sony", "Texte.", "fr", 10, "Jane Doe", "Sécurité"), Doc("b", "Sony", "Texte.", "fr", 100, "Max", "Cinéma"));

        Assert.Equal(["a"], index.Search(new SearchRequest("sony", Tag: "securite"), Now).Hits.Select(hit => hit.Slug));
        Assert.Equal(["b"], index.Search(new SearchRequest("sony", Author: "max"), Now).Hits.Select(hit => hit.Slug));
        Assert.Equal(["a"], index.Search(new SearchRequest("sony", From: Now.AddDays(-20)), Now).Hits.Select(hit => hit.Slug));
        Assert.Equal(["b"], index.Search(new SearchRequest("sony", To: Now.AddDays(-20)), Now).Hits.Select(hit => hit.Slug));
    }

    [Fact]
    public void Pages_follow_each_other_to_the_last()
    {
        using var index = IndexOf([.. Enumerable.Range(0, 25).Select(i => Doc($"a{i}", "Sony", "Texte.", daysOld: i))]);

        var seen = new List<string>();
        int? offset = 0;
        while (offset is { } start)
        {
            var page = index.Search(new SearchRequest("sony", Offset: start, Top: 10), Now);
            seen.AddRange(page.Hits.Select(hit => hit.Slug));
            offset = page.NextOffset;
        }

        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"a{i}"), seen);
    }

    [Fact]
    public void A_page_past_the_last_result_is_empty_and_the_last()
    {
        using var index = IndexOf(Doc("a", "Sony", "Texte."));

        var page = index.Search(new SearchRequest("sony", Offset: int.MaxValue), Now);

        Assert.Empty(page.Hits);
        Assert.Null(page.NextOffset);
        Assert.Equal(1, page.TotalHits);
    }

    [Fact]
    public void Snippets_mark_matched_words_and_encode_the_rest()
    {
        using var index = IndexOf(Doc("a", "Titre", "Un <b>texte</b> sur les diffusions pirates."));

        var snippet = index.Search(new SearchRequest("diffuser"), Now).Hits.Single().SnippetHtml;

        Assert.Equal("Un &lt;b&gt;texte&lt;/b&gt; sur les <mark>diffusions</mark> pirates.", snippet);
    }

    [Fact]
    public void A_deleted_article_leaves_the_results()
    {
        using var index = IndexOf(Doc("a", "Sony", "Texte."));
        index.Delete("a");
        index.Refresh();

        Assert.Empty(Slugs(index, "sony"));
    }

    [Theory]
    [InlineData("le la les")]
    [InlineData("* ? \"\" - +")]
    [InlineData("un deux trois quatre cinq six sept huit neuf dix onze")]
    public void Queries_without_words_or_with_too_many_are_refused(string text)
    {
        using var index = IndexOf(Doc("a", "Sony", "Texte."));

        Assert.Throws<InvalidSearchException>(() => index.Search(new SearchRequest(text), Now));
    }
}
