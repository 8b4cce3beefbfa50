namespace Serverless.Core.Rendering;

/// <summary>The words the search page prints, in the site's language (French, else English).</summary>
public sealed record SearchPageTexts(string Search, string Label, string Button, string Results, string OneResult, string NoResult, string Next, string Previous, string Invalid)
{
    private static readonly SearchPageTexts French = new("Recherche", "Rechercher dans les articles", "Rechercher", "{0} résultats pour « {1} »",
        "Un résultat pour « {1} »", "Aucun article ne correspond à « {1} ».", "Résultats suivants", "Résultats précédents", "Cette recherche ne peut pas aboutir");

    private static readonly SearchPageTexts English = new("Search", "Search the articles", "Search", "{0} results for “{1}”",
        "One result for “{1}”", "No article matches “{1}”.", "More results", "Previous results", "This search cannot be run");

    public static SearchPageTexts For(string language) => language.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? French : English;
}
