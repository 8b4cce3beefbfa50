using System.Globalization;

namespace Serverless.Core.Rendering;

/// <summary>The few words a page prints itself, in the article's language (French and English; others fall back to English).</summary>
public sealed record PageTexts(string By, string MinutesRead, string ReadAlso, string LatestArticles, string NotFound, string NotFoundDetail, string Gone, string GoneDetail, string Older, string CitedIn, string Newer,
    string CitedInOneMore, string CitedInMore, string ReadingTime, string Section)
{
    private static readonly PageTexts French = new("Par", "min de lecture", "À lire aussi", "Derniers articles", "Page introuvable",
        "Aucun article publié ne se trouve à cette adresse.", "Article retiré", "Cet article a été retiré.", "Articles plus anciens", "Cité dans", "Articles plus récents",
        "Et dans un autre article.", "Et dans {0} autres articles.", "Temps de lecture", "Rubrique");

    private static readonly PageTexts English = new("By", "min read", "Read also", "Latest articles", "Page not found",
        "No published article lives at this address.", "Article removed", "This article has been removed.", "Older articles", "Cited in", "Newer articles",
        "And in one more article.", "And in {0} more articles.", "Reading time", "Section");

    /// <summary>What a "cited in" list says of the articles it does not list, in the language's digit grouping.</summary>
    public string CitedInOthers(int count, CultureInfo culture) =>
        count == 1 ? CitedInOneMore : string.Format(culture, CitedInMore, count.ToString("N0", culture));

    public static PageTexts For(string language) => language.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? French : English;
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
