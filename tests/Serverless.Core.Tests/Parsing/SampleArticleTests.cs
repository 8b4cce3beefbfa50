using Serverless.Core.Articles;
using Serverless.Core.Parsing;

namespace Serverless.Core.Tests.Parsing;

/// <summary>The real CMS export in samples/articles: a French news article whose first line is its headline.</summary>
public sealed class SampleArticleTests
{
    private static DateTimeOffset Created => TestArticles.SampleCreated;
    private static DateTimeOffset Modified => TestArticles.SampleModified;

    private static Articles.Article Sample => TestArticles.Sample;

    [Fact]
    public void Title_is_the_first_line() =>
        Assert.Equal("Sony Pictures : Anonymous et BitTorrent prêts à diffuser The Interview ?", Sample.Title);

    [Fact]
    public void Slug_is_the_transliterated_title() =>
        Assert.Equal("sony-pictures-anonymous-et-bittorrent-prets-a-diffuser-the-interview", Sample.Slug);

    [Fact]
    public void Headline_is_not_repeated_in_the_body() =>
        Assert.DoesNotContain("prêts à diffuser The Interview ?", Sample.BodyHtml);

    [Fact]
    public void Description_is_the_first_paragraph_cut_at_a_word_boundary()
    {
        // French spacing: narrow no-break spaces inside the guillemets.
        Assert.StartsWith("La décision de ne pas diffuser le film «\u202FThe Interview\u202F» par Sony Pictures a été critiquée", Sample.Description);
        Assert.True(Sample.Description.Length <= 200, Sample.Description);
        Assert.EndsWith("…", Sample.Description);
        Assert.DoesNotContain("*", Sample.Description);
        Assert.DoesNotContain("  ", Sample.Description);
    }

    [Fact]
    public void Language_is_detected_as_french() => Assert.Equal("fr", Sample.Language);

    [Fact]
    public void Standalone_short_line_becomes_a_subheading() =>
        Assert.Contains("<h2>BitTorrent et Anonymous prêts à diffuser le film</h2>", Sample.BodyHtml);

    [Fact]
    public void Placeholder_links_keep_their_text_and_lose_the_link()
    {
        Assert.DoesNotContain("href=\"#\"", Sample.BodyHtml);
        Assert.Contains("a été officiellement accusée par Washington comme", TestArticles.ShownBody(Sample));
        Assert.Contains("signale le site UPprox movies, montrant", TestArticles.ShownBody(Sample));
    }

    [Fact]
    public void Each_placeholder_link_is_reported_as_a_warning()
    {
        Assert.Equal(3, Sample.Warnings.Count);
        Assert.Contains(Sample.Warnings, w => w.Contains("'officiellement accusée par Washington'", StringComparison.Ordinal));
        Assert.Contains(Sample.Warnings, w => w.Contains("'UPprox movies'", StringComparison.Ordinal));
        Assert.Contains(Sample.Warnings, w => w.Contains("'Hackers 2600'", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_also_block_becomes_two_links_resolved_by_title()
    {
        Assert.Collection(Sample.Links.Where(link => link.Placement == LinkPlacement.ReadAlso),
            link => Assert.Equal(("Sony Pictures : l'Empire contre-attaque... avec du DDoS", (string?)null, "t:sony pictures lempire contre attaque avec du ddos"),
                (link.Title, link.Target, Assert.Single(link.Keys))),
            link => Assert.Equal(("Piratage de Sony Pictures : les hackers cherchaient à détruire", (string?)null, "t:piratage de sony pictures les hackers cherchaient a detruire"),
                (link.Title, link.Target, Assert.Single(link.Keys))));
    }

    [Fact]
    public void Placeholder_links_in_the_body_become_markers_resolved_by_their_text()
    {
        Assert.Equal(["officiellement accusée par Washington", "UPprox movies", "Hackers 2600"],
            Sample.Links.Where(link => link.Placement == LinkPlacement.Inline).Select(link => link.Title));
        Assert.Contains("<a data-link=\"2\">officiellement accusée par Washington</a>", Sample.BodyHtml);
        Assert.DoesNotContain("href", Sample.BodyHtml);
    }

    [Fact]
    public void Read_also_block_is_not_in_the_body()
    {
        Assert.DoesNotContain("A lire aussi", Sample.BodyHtml);
        Assert.DoesNotContain("contre-attaque", Sample.BodyHtml);
    }

    [Fact]
    public void Bold_and_italic_render_as_strong_and_em()
    {
        Assert.Contains("«\u202F<strong>The Interview</strong>\u202F»", Sample.BodyHtml);
        Assert.Contains("<em>nous ne nous sommes pas couchés</em>", Sample.BodyHtml);
    }

    [Fact]
    public void Dates_fall_back_to_the_blob_times()
    {
        Assert.Equal(Created, Sample.Published);
        Assert.Equal(Modified, Sample.Modified);
    }

    [Fact]
    public void Word_count_and_reading_time_are_computed()
    {
        Assert.InRange(Sample.WordCount, 380, 460);
        Assert.Equal(Math.Max(1, (int)Math.Ceiling(Sample.WordCount / 200.0)), Sample.ReadingMinutes);
    }
}
