using System.Net;
using System.Text.RegularExpressions;

namespace Serverless.Core.Search;

/// <summary>The text of an article body's HTML fragment, as searched and quoted in snippets: tags gone, entities decoded, spaces collapsed.</summary>
public static partial class SearchText
{
    /// <remarks>Block tags part words; inline ones (emphasis, links) do not, so "<em>Re/code</em>," stays "Re/code,".</remarks>
    public static string FromHtml(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(InlineTags().Replace(BlockTags().Replace(html, " "), "")), " ").Trim();

    [GeneratedRegex(@"</?(?:p|h[1-6]|li|ul|ol|dl|dt|dd|blockquote|pre|br|hr|div|table|thead|tbody|tr|td|th|figure|figcaption|aside|section)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTags();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex InlineTags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
