using Serverless.Core.Configuration;
using Serverless.Core.Publishing;
using Serverless.Core.Rendering;
using Serverless.Core.Tests.Security;
using static Serverless.Core.Tests.Rendering.TestSite;

namespace Serverless.Core.Tests.Rendering;

/// <summary>The operator's look by settings alone: logo, accent colours, navigation and legal links; a change renders every page again.</summary>
public sealed class ThemeSettingsTests
{
    private static SiteOptions Themed() => new()
    {
        PublicBaseUrl = BaseUrl, Name = Name, AccentColor = "#0b5394", AccentColorDark = "#9fc5e8", HeaderLogoUrl = "/media/logo.svg",
        Navigation = [new() { Label = "Politique & société", Url = "/tags/politique" }],
        LegalLinks = [new() { Label = "Mentions légales", Url = "https://news.example.com/legal" }],
    };

    private static string PageWith(SiteOptions site) =>
        new ArticlePageRenderer(new SiteLayout(site), new SocialMetaTags(site, new SiteUrls(site)), new SiteUrls(site)).Render(ArticlePage.Standalone(Article(language: "fr")));

    [Fact]
    public void Default_settings_include_no_theme_sheet()
    {
        Assert.Null(new SiteTheme(Options).Href);
        Assert.DoesNotContain("rel=\"stylesheet\"", PageWith(Options), StringComparison.Ordinal);
    }

    [Fact]
    public void Accent_colours_are_a_versioned_theme_sheet_the_pages_include()
    {
        var theme = new SiteTheme(Themed());

        Assert.Equal(":root{--accent:#0b5394}\n@media (prefers-color-scheme:dark){:root{--accent:#9fc5e8}}\n", System.Text.Encoding.UTF8.GetString(theme.Css));
        Assert.Contains($"<link rel=\"stylesheet\" href=\"/theme.css?v={theme.Version}\">", PageWith(Themed()), StringComparison.Ordinal);
    }

    [Fact]
    public void Navigation_legal_links_and_logo_show_in_the_chrome_in_the_page_language()
    {
        var page = PageWith(Themed());

        Assert.Contains("<header class=\"site\"><a href=\"/\"><img src=\"/media/logo.svg\" alt=\"Example News\"></a>", page, StringComparison.Ordinal);
        Assert.Contains("<nav aria-label=\"Navigation principale\"><ul><li><a href=\"/\">Accueil</a></li><li><a href=\"/tags/politique\">Politique &amp; société</a></li></ul></nav>", page, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"https://news.example.com/legal\">Mentions légales</a></li>", page, StringComparison.Ordinal);
        Assert.Contains("<a class=\"skip\" href=\"#main\">Aller au contenu</a>", page, StringComparison.Ordinal);
        Assert.Empty(PageSafety.Violations(page));
    }

    [Theory]
    [InlineData("de", "Zum Inhalt springen", "Suchen")]
    [InlineData("es", "Ir al contenido", "Buscar")]
    [InlineData("en", "Skip to content", "Search")]
    public void Chrome_speaks_the_article_language(string language, string skip, string search)
    {
        var page = PageRenderer.Render(ArticlePage.Standalone(Article(language: language)));

        Assert.Contains($">{skip}</a>", page, StringComparison.Ordinal);
        Assert.Contains($"<button type=\"submit\">{search}</button>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_a_theme_setting_renders_every_page_again()
    {
        var before = new PipelineVersion(Options).Render;

        Assert.NotEqual(before, new PipelineVersion(Themed()).Render);
        Assert.NotEqual(before, new PipelineVersion(new SiteOptions { PublicBaseUrl = Options.PublicBaseUrl, Name = Name, XHandle = Options.XHandle, AccentColor = "#000000" }).Render);
        Assert.NotEqual(before, new PipelineVersion(new SiteOptions { PublicBaseUrl = Options.PublicBaseUrl, Name = Name, XHandle = Options.XHandle, Navigation = [new() { Label = "A", Url = "/a" }] }).Render);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("//evil.example.com")]
    [InlineData("")]
    public void A_navigation_link_that_is_not_a_site_path_or_web_url_stops_start_up(string url)
    {
        var site = Themed();
        site.Navigation[0].Url = url;

        var result = new SiteOptionsValidator().Validate(null, site);

        Assert.True(result.Failed);
        Assert.Contains("Site:Navigation:0:Url", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_accent_that_is_not_a_colour_stops_start_up()
    {
        var site = Themed();
        site.AccentColor = "red;}body{display:none";

        Assert.Contains("Site:AccentColor", new SiteOptionsValidator().Validate(null, site).FailureMessage, StringComparison.Ordinal);
    }
}
