using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Serverless.Core.Configuration;
using Serverless.Core.Rendering;
using SkiaSharp;
using static Serverless.Core.Tests.Rendering.TestSite;

namespace Serverless.Core.Tests.Rendering;

/// <summary>Share cards: a 1200×630 PNG, the same bytes for the same content, every title inside its box, every Latin letter drawn.</summary>
public sealed class ShareCardTests
{
    private const string FrenchTitle = "Éléphants à l’école : où en êtes-vous ?";

    /// <summary>Latin-1 Supplement and Latin Extended-A letters and signs, as French, German, Polish, Czech, Turkish, Romanian… write them.</summary>
    private static readonly string LatinLetters = string.Concat(Enumerable.Range(0x21, 0x7E - 0x21 + 1).Concat(Enumerable.Range(0xA1, 0x17F - 0xA1 + 1))
        .Where(code => code != 0xAD).Select(code => (char)code)) + "ȘșȚț’‘“”«»…–—€";

    private static readonly string LongTitle = string.Join(' ', Enumerable.Repeat("Le gouvernement reporte encore le vote du budget", 7))[..300];

    private static ShareCardContent Content(string title = "Budget vote delayed", string siteName = Name, string date = "December 20, 2024", params string[] tags) =>
        new(title, siteName, date, tags.Length == 0 ? ["politics", "budget"] : tags);

    [Fact]
    public void Card_is_a_1200_by_630_png()
    {
        var png = ShareCardRenderer.Render(Content());

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((1200, 630), (bitmap.Width, bitmap.Height));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public void Same_content_gives_the_same_bytes_and_another_title_other_bytes()
    {
        var first = ShareCardRenderer.Render(Content(FrenchTitle));
        var second = ShareCardRenderer.Render(Content(FrenchTitle));
        var other = ShareCardRenderer.Render(Content(FrenchTitle + "!"));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void French_title_with_diacritics_fits_whole_at_the_largest_size()
    {
        var layout = ShareCardLayout.Of(Content(FrenchTitle));

        Assert.Equal(ShareCardLayout.MaxTitleSize, layout.TitleSize);
        Assert.False(layout.TitleCut);
        Assert.Equal(FrenchTitle, string.Join(' ', layout.TitleLines.Select(line => line.Text)));
        AssertInsideTitleBox(layout);
    }

    [Fact]
    public void Title_of_300_characters_shrinks_then_ends_with_an_ellipsis_inside_the_box()
    {
        Assert.Equal(300, LongTitle.Length);

        var layout = ShareCardLayout.Of(Content(LongTitle));

        Assert.True(layout.TitleCut);
        Assert.Equal(ShareCardLayout.MinTitleSize, layout.TitleSize);
        Assert.EndsWith("…", layout.TitleLines[^1].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(" …", layout.TitleLines[^1].Text, StringComparison.Ordinal);
        // Cut at a word: what is shown is the start of the title, whole words only.
        var shown = string.Join(' ', layout.TitleLines.Select(line => line.Text)).TrimEnd('…');
        Assert.StartsWith(shown + " ", LongTitle, StringComparison.Ordinal);
        AssertInsideTitleBox(layout);
    }

    [Theory]
    [InlineData("Budget")]
    [InlineData("Le gouvernement reporte encore le vote du budget, et l’opposition s’interroge sur la date")]
    [InlineData("Une-phrase-sans-espace-aucune-qui-ne-peut-se-couper-qu-au-milieu-d-un-mot-parce-qu-elle-est-beaucoup-trop-longue-pour-une-ligne-https://example.com/a/very/long/path/that/goes/on/and/on/and/on/and/on")]
    public void Every_title_stays_inside_the_box(string title) =>
        AssertInsideTitleBox(ShareCardLayout.Of(Content(title)));

    [Fact]
    public void Longer_titles_get_smaller_sizes()
    {
        var sizes = new[] { "Budget", string.Join(' ', Enumerable.Repeat("budget vote", 8)), LongTitle }
            .Select(title => ShareCardLayout.Of(Content(title)).TitleSize).ToList();

        Assert.Equal(sizes.OrderDescending(), sizes);
        Assert.True(sizes[0] > sizes[2]);
    }

    [Fact]
    public void Fonts_have_a_glyph_for_every_latin_1_and_latin_extended_a_character()
    {
        using var regular = ShareCardFonts.Regular(40);
        using var bold = ShareCardFonts.Bold(40);

        Assert.All(LatinLetters, letter => Assert.True(regular.ContainsGlyphs(letter.ToString()) && bold.ContainsGlyphs(letter.ToString()), $"U+{(int)letter:X4} {letter}"));
        Assert.True(bold.ContainsGlyphs(LatinLetters));
    }

    [Fact]
    public void Latin_letters_are_drawn_as_written()
    {
        foreach (var chunk in LatinLetters.Chunk(60).Select(letters => new string(letters)))
        {
            var layout = ShareCardLayout.Of(Content(chunk));

            Assert.False(layout.TitleCut);
            Assert.Equal(chunk, string.Concat(layout.TitleLines.Select(line => line.Text)));
        }
    }

    [Fact]
    public void What_the_font_lacks_is_replaced_by_what_it_has()
    {
        // A narrow no-break space (French typography) keeps "?" on its word; emoji go; other scripts are transliterated.
        var layout = ShareCardLayout.Of(Content("Où en êtes-vous\u202F? 🎉 東京"));

        var text = string.Join('\n', layout.TitleLines.Select(line => line.Text));
        Assert.Contains("êtes-vous\u2009?", text, StringComparison.Ordinal);
        Assert.DoesNotContain("🎉", text, StringComparison.Ordinal);
        Assert.DoesNotContain("東", text, StringComparison.Ordinal);
        using var bold = ShareCardFonts.Bold(40);
        Assert.All(layout.TitleLines, line => Assert.True(bold.ContainsGlyphs(line.Text.Replace("\n", "", StringComparison.Ordinal)), line.Text));
    }

    [Fact]
    public void Line_breaks_and_tabs_in_a_title_separate_words_as_spaces_do() =>
        Assert.Equal("Budget vote delayed", string.Join(' ', ShareCardLayout.Of(Content("Budget\r\nvote\t\ndelayed")).TitleLines.Select(line => line.Text)));

    [Fact]
    public void A_line_narrower_than_one_letter_still_ends()
    {
        using var font = ShareCardFonts.Bold(80);

        var lines = ShareCardLayout.Fit(["Wide", "words"], font, 5, 1, out var cut);

        Assert.True(cut);
        Assert.Equal(["W…"], lines);
    }

    [Fact]
    public void Tags_that_do_not_fit_are_left_out_and_none_crosses_the_margin()
    {
        var layout = ShareCardLayout.Of(Content(tags: ["a very long tag that goes on and on and never seems to end at all", "elections", "budget", "parliament", "finance"]));

        Assert.InRange(layout.Tags.Count, 1, 4);
        Assert.All(layout.Tags, pill => Assert.True(pill.Box.Right <= ShareCardLayout.Right && pill.Label.Right < pill.Box.Right && pill.Box.Left > layout.Date.Right));
        Assert.EndsWith("…", layout.Tags[0].Label.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_is_the_title_site_name_date_in_the_article_language_and_first_tags()
    {
        var content = ShareCardContent.For(Article(title: FrenchTitle, language: "fr"), Options);

        Assert.Equal(FrenchTitle, content.Title);
        Assert.Equal(Name, content.SiteName);
        Assert.Equal("20 décembre 2024", content.Date);
        Assert.Equal(["politics", "budget"], content.Tags);
        Assert.Equal("December 20, 2024", ShareCardContent.For(Article(), Options).Date);
    }

    [Fact]
    public void Date_is_the_utc_day_so_a_parsed_article_and_its_stored_record_agree()
    {
        var late = new DateTimeOffset(2024, 12, 21, 0, 30, 0, TimeSpan.FromHours(1));

        Assert.Equal(ShareCardContent.FormatDate(late, "en"), ShareCardContent.FormatDate(late.ToUniversalTime(), "en"));
        Assert.Equal("December 20, 2024", ShareCardContent.FormatDate(late, "en"));
    }

    [Fact]
    public void Version_is_a_short_hash_of_what_is_drawn_and_nothing_else()
    {
        var article = Article();
        var version = ShareCardRenderer.VersionOf(article, Options);

        Assert.Matches("^[0-9a-f]{16}$", version);
        Assert.Equal(version, ShareCardContent.For(article, Options).Version);
        Assert.Equal(version, ShareCardRenderer.VersionOf(Article(description: "Another description."), Options));
        Assert.NotEqual(version, ShareCardRenderer.VersionOf(Article(title: "Budget vote delayed again"), Options));
        Assert.NotEqual(version, ShareCardRenderer.VersionOf(Article(language: "fr"), Options));
        Assert.NotEqual(version, ShareCardRenderer.VersionOf(article, new SiteOptions { PublicBaseUrl = BaseUrl, Name = "Other News" }));
        Assert.NotEqual(version, ShareCardRenderer.VersionOf(article with { Tags = ["politics"] }, Options));
    }

    [Fact]
    public void Card_url_carries_the_version()
    {
        var version = ShareCardRenderer.VersionOf(Article(), Options);

        Assert.Equal($"{BaseUrl}/og/{Slug}.png?v={version}", Urls.ShareCard(Slug, version));
    }

    private static readonly Dictionary<string, string> LayoutOutputs = new()
    {
        ["1"] = "44ef2c8045b3fe3f",
    };

    /// <summary>Cards are drawn again only when their version changes: a change to the layout without a Template bump fails here.</summary>
    [Fact]
    public void Layout_is_pinned_to_the_template_version()
    {
        var layouts = new[] { Content(), Content(FrenchTitle), Content(LongTitle, tags: ["a", "b", "c", "d", "e"]) }
            .Select(content => ShareCardLayout.Of(content))
            .Select(layout => new
            {
                layout.TitleSize,
                Lines = layout.TitleLines.Select(line => $"{line.Text}@{line.X:0.#},{line.Baseline:0.#}").ToList(),
                Site = $"{layout.SiteName.Text}@{layout.SiteName.Baseline:0.#}",
                Date = $"{layout.Date.Text}@{layout.Date.Baseline:0.#}",
                Tags = layout.Tags.Select(pill => $"{pill.Label.Text}@{pill.Box.Left:0.#},{pill.Box.Top:0.#},{pill.Box.Right:0.#},{pill.Box.Bottom:0.#}").ToList(),
            });
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(layouts))))[..16];

        Assert.Equal((ShareCardRenderer.Template, LayoutOutputs[ShareCardRenderer.Template]), (ShareCardRenderer.Template, hash));
    }

    private static void AssertInsideTitleBox(ShareCardLayout layout)
    {
        var box = ShareCardLayout.TitleBox;
        Assert.NotEmpty(layout.TitleLines);
        Assert.All(layout.TitleLines, line =>
        {
            Assert.True(line.X >= box.Left && line.Right <= box.Right, $"'{line.Text}' spans {line.X}–{line.Right}, outside {box.Left}–{box.Right}");
            Assert.True(line.Top >= box.Top && line.Bottom <= box.Bottom, $"'{line.Text}' spans {line.Top}–{line.Bottom}, outside {box.Top}–{box.Bottom}");
        });
    }
}
