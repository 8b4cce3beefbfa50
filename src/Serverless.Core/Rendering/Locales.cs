using System.Globalization;

namespace Serverless.Core.Rendering;

/// <summary>The words a page prints itself, chrome included, in the page's language: French, English, Spanish and German (others fall back to English).</summary>
public sealed record PageTexts
{
    public required string By { get; init; }
    public required string And { get; init; }
    public required string MinutesRead { get; init; }
    public required string Updated { get; init; }
    public required string ReadAlso { get; init; }
    public required string LatestArticles { get; init; }
    public required string NotFound { get; init; }
    public required string NotFoundDetail { get; init; }
    public required string Gone { get; init; }
    public required string GoneDetail { get; init; }
    public required string Older { get; init; }
    public required string Newer { get; init; }
    public required string CitedIn { get; init; }
    public required string CitedInOneMore { get; init; }
    public required string CitedInMore { get; init; }
    public required string ReadingTime { get; init; }
    public required string Section { get; init; }
    public required string Tags { get; init; }
    public required string Share { get; init; }
    public required string Email { get; init; }
    public required string SkipToContent { get; init; }
    public required string Home { get; init; }
    public required string MainNavigation { get; init; }
    public required string Search { get; init; }
    public required string SearchLabel { get; init; }
    public required string SiteLinks { get; init; }
    public required string RssFeed { get; init; }
    public required string Sitemap { get; init; }
    public required string Archives { get; init; }
    public required string ArticlesOf { get; init; }
    public required string AuthorFeed { get; init; }
    public required string AboutTag { get; init; }
    public required string MoreIn { get; init; }
    public required string PreviousArticle { get; init; }
    public required string NextArticle { get; init; }

    private static readonly PageTexts French = new()
    {
        By = "Par", And = "et", MinutesRead = "min de lecture", Updated = "Mis à jour le", ReadAlso = "À lire aussi", LatestArticles = "Derniers articles",
        NotFound = "Page introuvable", NotFoundDetail = "Aucun article publié ne se trouve à cette adresse.", Gone = "Article retiré",
        GoneDetail = "Cet article a été retiré : il n'est plus publié.", Older = "Articles plus anciens", Newer = "Articles plus récents", CitedIn = "Cité dans",
        CitedInOneMore = "Et dans un autre article.", CitedInMore = "Et dans {0} autres articles.", ReadingTime = "Temps de lecture", Section = "Rubrique",
        Tags = "Mots-clés", Share = "Partager", Email = "E-mail", SkipToContent = "Aller au contenu", Home = "Accueil", MainNavigation = "Navigation principale",
        Search = "Rechercher", SearchLabel = "Rechercher sur le site", SiteLinks = "Liens du site", RssFeed = "Flux RSS", Sitemap = "Plan du site",
        Archives = "Archives", ArticlesOf = "Articles de {0}", AuthorFeed = "Flux RSS de {0}", AboutTag = "Articles sur « {0} »",
        MoreIn = "Autres articles « {0} »", PreviousArticle = "Article précédent", NextArticle = "Article suivant",
    };

    private static readonly PageTexts English = new()
    {
        By = "By", And = "and", MinutesRead = "min read", Updated = "Updated", ReadAlso = "Read also", LatestArticles = "Latest articles",
        NotFound = "Page not found", NotFoundDetail = "No published article lives at this address.", Gone = "Article withdrawn",
        GoneDetail = "This article has been withdrawn: it is no longer published.", Older = "Older articles", Newer = "Newer articles", CitedIn = "Cited in",
        CitedInOneMore = "And in one more article.", CitedInMore = "And in {0} more articles.", ReadingTime = "Reading time", Section = "Section",
        Tags = "Tags", Share = "Share", Email = "Email", SkipToContent = "Skip to content", Home = "Home", MainNavigation = "Main navigation",
        Search = "Search", SearchLabel = "Search the site", SiteLinks = "Site links", RssFeed = "RSS feed", Sitemap = "Sitemap",
        Archives = "Archives", ArticlesOf = "Articles by {0}", AuthorFeed = "RSS feed of {0}", AboutTag = "Articles about {0}",
        MoreIn = "More in {0}", PreviousArticle = "Previous article", NextArticle = "Next article",
    };

    private static readonly PageTexts Spanish = new()
    {
        By = "Por", And = "y", MinutesRead = "min de lectura", Updated = "Actualizado el", ReadAlso = "Lea también", LatestArticles = "Últimos artículos",
        NotFound = "Página no encontrada", NotFoundDetail = "Ningún artículo publicado se encuentra en esta dirección.", Gone = "Artículo retirado",
        GoneDetail = "Este artículo ha sido retirado: ya no está publicado.", Older = "Artículos anteriores", Newer = "Artículos más recientes", CitedIn = "Citado en",
        CitedInOneMore = "Y en otro artículo.", CitedInMore = "Y en {0} artículos más.", ReadingTime = "Tiempo de lectura", Section = "Sección",
        Tags = "Etiquetas", Share = "Compartir", Email = "Correo", SkipToContent = "Ir al contenido", Home = "Inicio", MainNavigation = "Navegación principal",
        Search = "Buscar", SearchLabel = "Buscar en el sitio", SiteLinks = "Enlaces del sitio", RssFeed = "Canal RSS", Sitemap = "Mapa del sitio",
        Archives = "Archivo", ArticlesOf = "Artículos de {0}", AuthorFeed = "Canal RSS de {0}", AboutTag = "Artículos sobre {0}",
        MoreIn = "Más en {0}", PreviousArticle = "Artículo anterior", NextArticle = "Artículo siguiente",
    };

    private static readonly PageTexts German = new()
    {
        By = "Von", And = "und", MinutesRead = "Min. Lesezeit", Updated = "Aktualisiert am", ReadAlso = "Lesen Sie auch", LatestArticles = "Neueste Artikel",
        NotFound = "Seite nicht gefunden", NotFoundDetail = "Unter dieser Adresse ist kein veröffentlichter Artikel.", Gone = "Artikel zurückgezogen",
        GoneDetail = "Dieser Artikel wurde zurückgezogen: Er ist nicht mehr veröffentlicht.", Older = "Ältere Artikel", Newer = "Neuere Artikel", CitedIn = "Zitiert in",
        CitedInOneMore = "Und in einem weiteren Artikel.", CitedInMore = "Und in {0} weiteren Artikeln.", ReadingTime = "Lesezeit", Section = "Rubrik",
        Tags = "Schlagwörter", Share = "Teilen", Email = "E-Mail", SkipToContent = "Zum Inhalt springen", Home = "Startseite", MainNavigation = "Hauptnavigation",
        Search = "Suchen", SearchLabel = "Website durchsuchen", SiteLinks = "Links der Website", RssFeed = "RSS-Feed", Sitemap = "Sitemap",
        Archives = "Archiv", ArticlesOf = "Artikel von {0}", AuthorFeed = "RSS-Feed von {0}", AboutTag = "Artikel über {0}",
        MoreIn = "Mehr zu {0}", PreviousArticle = "Vorheriger Artikel", NextArticle = "Nächster Artikel",
    };

    /// <summary>What a "cited in" list says of the articles it does not list, in the language's digit grouping.</summary>
    public string CitedInOthers(int count, CultureInfo culture) =>
        count == 1 ? CitedInOneMore : string.Format(culture, CitedInMore, count.ToString("N0", culture));

    public static PageTexts For(string language) => Primary(language) switch
    {
        "fr" => French,
        "es" => Spanish,
        "de" => German,
        _ => English,
    };

    /// <summary>The language without its region: <c>de-AT</c> speaks <c>de</c>.</summary>
    internal static string Primary(string language)
    {
        var dash = language.IndexOf('-', StringComparison.Ordinal);
        return (dash < 0 ? language : language[..dash]).ToLowerInvariant();
    }
}

/// <summary>Open Graph locales (language_TERRITORY): fr → fr_FR, en → en_US, fr-CA → fr_CA.</summary>
public static class OpenGraphLocale
{
    public static string For(string language)
    {
        try
        {
            var specific = CultureInfo.CreateSpecificCulture(language).Name;
            return specific.Contains('-', StringComparison.Ordinal) ? specific.Replace('-', '_') : "en_US";
        }
        catch (CultureNotFoundException)
        {
            return "en_US";
        }
    }

    public static CultureInfo Culture(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }
}
