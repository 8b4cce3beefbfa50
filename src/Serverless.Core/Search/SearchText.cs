using System.Net;
using System.Text.RegularExpressions;

namespace Serverless.Core.Search;

/// <summary>The text of an article body's HTML fragment, as searched and quoted in snippets: tags gone, entities decoded, spaces collapsed.</summary>
public static partial class SearchText
{
    public static string FromHtml(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ").Trim();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
