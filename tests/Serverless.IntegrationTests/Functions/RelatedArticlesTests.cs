using System.Text.Json;
using Serverless.IntegrationTests.Infrastructure;

namespace Serverless.IntegrationTests.Functions;

/// <summary>Computed "read also" on a small corpus on Azurite: the obviously related article first, unrelated ones left out.</summary>
public sealed class RelatedArticlesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string PiracySlug = "piratage-de-sony-pictures-les-hackers-cherchaient-a-detruire";
    private const string DdosSlug = "sony-pictures-l-empire-contre-attaque-avec-du-ddos";

    private const string Pie = """
        ---
        title: "Tarte aux pommes : la recette de grand-mère"
        slug: tarte-aux-pommes
        date: 2014-12-10
        tags: [cuisine]
        ---
        Épluchez six pommes, coupez-les en lamelles et disposez-les sur une pâte brisée. Saupoudrez de sucre et de
        cannelle, ajoutez quelques noisettes de beurre, puis enfournez quarante minutes à four chaud. Servez tiède avec
        une boule de glace à la vanille ou une cuillère de crème fraîche.
        """;

    private const string Football = """
        ---
        title: "Local football club wins the regional cup"
        slug: football-cup
        date: 2014-12-08
        lang: en
        ---
        The town's football club won the regional cup on Sunday after a penalty shoot-out. The goalkeeper saved two
        penalties and the captain scored the winning kick in front of a packed stadium. Supporters celebrated late into
        the night in the main square.
        """;

    private const string BoxOffice = """
        ---
        title: "Le film d'animation de l'hiver bat des records au box-office"
        slug: box-office-hiver
        date: 2014-12-12
        tags: [cinéma]
        ---
        Le film d'animation sorti mercredi a attiré plus d'un million de spectateurs en cinq jours. Les exploitants de
        salles parlent d'un démarrage exceptionnel pour un film familial à l'approche des fêtes, porté par une bande
        originale déjà très écoutée.
        """;

    private readonly TestSite _site = new(azurite, new Dictionary<string, string?> { ["Site:ServerCacheSeconds"] = "0" });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _site.DisposeAsync();

    private async Task PublishUnrelatedAsync()
    {
        await _site.PublishAsync("pie.md", Pie);
        await _site.PublishAsync("football.md", Football);
        await _site.PublishAsync("box-office.md", BoxOffice);
    }

    private async Task<List<(string Slug, double Score)>> ComputedAsync(string slug)
    {
        var (_, api) = await _site.GetArticleJsonAsync(slug);
        return [.. api.GetProperty("links").EnumerateArray()
            .Where(link => link.GetProperty("kind").GetString() == "computed")
            .Select(link => (link.GetProperty("slug").GetString()!, link.GetProperty("score").GetDouble()))];
    }

    [Fact]
    public async Task Obviously_related_article_comes_first_and_unrelated_ones_are_left_out()
    {
        await PublishUnrelatedAsync();
        await _site.PublishAsync("ddos.txt", Samples.Read("sony-pictures-ddos.txt"));
        await _site.PublishAsync("piracy.md", Samples.Read("piratage-sony-pictures.md"));

        var computed = await ComputedAsync(PiracySlug);

        Assert.Equal(DdosSlug, computed[0].Slug);
        Assert.DoesNotContain(computed, candidate => candidate.Slug is "tarte-aux-pommes" or "football-cup" or "box-office-hiver");
        Assert.All(computed, candidate => Assert.InRange(candidate.Score, 0.12, 1));
    }

    [Fact]
    public async Task Existing_page_comes_to_suggest_a_new_strong_match()
    {
        await PublishUnrelatedAsync();
        await _site.PublishAsync("piracy.md", Samples.Read("piratage-sony-pictures.md"));
        Assert.Empty(await ComputedAsync(PiracySlug));

        await _site.PublishAsync("ddos.txt", Samples.Read("sony-pictures-ddos.txt"));

        Assert.Equal(DdosSlug, (await ComputedAsync(PiracySlug))[0].Slug);
        Assert.Contains($"<a href=\"/articles/{DdosSlug}\">", (await _site.GetPageAsync(PiracySlug)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explicit_link_is_not_repeated_as_a_suggestion()
    {
        await _site.PublishAsync("ddos.txt", Samples.Read("sony-pictures-ddos.txt"));
        await _site.PublishAsync("piracy.md", Samples.Read("piratage-sony-pictures.md"));

        await _site.PublishAsync(Samples.SonyBlobName, Samples.Read(Samples.SonyBlobName));

        var (_, api) = await _site.GetArticleJsonAsync(Samples.SonySlug);
        var slugs = api.GetProperty("links").EnumerateArray().Select(link => link.TryGetProperty("slug", out var slug) ? slug.GetString() : null).OfType<string>().ToList();
        Assert.Equal(slugs.Distinct().Count(), slugs.Count);
        Assert.Equal(JsonValueKind.Array, api.GetProperty("backlinks").ValueKind);
    }
}
