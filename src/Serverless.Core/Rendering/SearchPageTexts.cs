namespace Serverless.Core.Rendering;

/// <summary>The words the search page prints, in the site's language (French, Spanish, German, else English), as the rest of the chrome (<see cref="PageTexts"/>).</summary>
/// <param name="Colon">What separates a label from what follows: French puts a space before it.</param>
public sealed record SearchPageTexts(string Search, string Label, string Button, string Results, string OneResult, string NoResult, string Next, string Previous, string Invalid, string Colon)
{
    private static readonly SearchPageTexts French = new("Recherche", "Rechercher dans les articles", "Rechercher", "{0} résultats pour « {1} »",
        "Un résultat pour « {1} »", "Aucun article ne correspond à « {1} ».", "Résultats suivants", "Résultats précédents", "Cette recherche ne peut pas aboutir", " : ");

    private static readonly SearchPageTexts English = new("Search", "Search the articles", "Search", "{0} results for “{1}”",
        "One result for “{1}”", "No article matches “{1}”.", "More results", "Previous results", "This search cannot be run", ": ");

    private static readonly SearchPageTexts Spanish = new("Búsqueda", "Buscar en los artículos", "Buscar", "{0} resultados para «{1}»",
        "Un resultado para «{1}»", "Ningún artículo coincide con «{1}».", "Más resultados", "Resultados anteriores", "Esta búsqueda no puede realizarse", ": ");

    private static readonly SearchPageTexts German = new("Suche", "Artikel durchsuchen", "Suchen", "{0} Ergebnisse für „{1}“",
        "Ein Ergebnis für „{1}“", "Kein Artikel passt zu „{1}“.", "Weitere Ergebnisse", "Vorherige Ergebnisse", "Diese Suche kann nicht ausgeführt werden", ": ");

    public static SearchPageTexts For(string language) => PageTexts.Primary(language) switch
    {
        "fr" => French,
        "es" => Spanish,
        "de" => German,
        _ => English,
    };
}
