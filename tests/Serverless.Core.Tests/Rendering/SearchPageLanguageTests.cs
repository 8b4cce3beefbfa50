using Serverless.Core.Configuration;
using Serverless.Core.Rendering;
using Serverless.Core.Search;
using Serverless.Core.Tests.Security;
using static Serverless.Core.Tests.Rendering.TestSite;

namespace Serverless.Core.Tests.Rendering;

/// <summary>The search page speaks the site's language, as the rest of the chrome does: French, English, Spanish and German.</summary>
public sealed class SearchPageLanguageTests
{
    private static readonly string[] Languages = ["fr", "en", "es", "de"];

    private static string SearchPageIn(string language) =>
        new SearchPageRenderer(new SiteLayout(new SiteOptions { PublicBaseUrl = BaseUrl, Name = Name, DefaultLanguage = language }))
            .Render(new SearchRequest("<b>été</b>"), results: null, error: null);

    [Theory]
    [InlineData("fr", "Recherche : &lt;b&gt;été&lt;/b&gt;", "Rechercher dans les articles", "Rechercher")]
    [InlineData("en", "Search: &lt;b&gt;été&lt;/b&gt;", "Search the articles", "Search")]
    [InlineData("es", "Búsqueda: &lt;b&gt;été&lt;/b&gt;", "Buscar en los artículos", "Buscar")]
    [InlineData("de-AT", "Suche: &lt;b&gt;été&lt;/b&gt;", "Artikel durchsuchen", "Suchen")]
    public void Search_page_speaks_the_site_language(string language, string title, string label, string button)
    {
        var page = SearchPageIn(language);

        Assert.Contains($"<title>{title}", page, StringComparison.Ordinal);
        Assert.Contains($"<label for=\"q\">{label}</label>", page, StringComparison.Ordinal);
        Assert.Contains($"<button type=\"submit\">{button}</button></form>", page, StringComparison.Ordinal);
        Assert.Empty(PageSafety.Violations(page));
    }

    [Fact]
    public void Every_language_has_its_own_result_counts()
    {
        var counts = Languages.Select(language => SearchPageTexts.For(language).Results).ToList();

        Assert.Equal(counts.Count, counts.Distinct().Count());
    }
}
