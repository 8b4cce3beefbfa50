using System.Globalization;
using System.Text;
using Serverless.Core.Http;
using Serverless.Core.Search;

namespace Serverless.Core.Rendering;

/// <summary>
/// The search page, in the site's layout: a form (GET, no script), how many articles match, each result with its
/// title, date, description and snippet (matched words in &lt;mark&gt;), and <c>rel="prev"</c>/<c>rel="next"</c>
/// links keeping the query and filters. The query is echoed HTML-encoded, in the field and the heading alike; the page
/// is <c>noindex</c>, as result pages should be.
/// </summary>
public sealed class SearchPageRenderer(SiteLayout layout)
{
    /// <summary>The pages' policy, with the one form action this page needs: its own form, to /search.</summary>
    public static string ContentSecurityPolicy { get; } = SiteLayout.ContentSecurityPolicy.Replace("form-action 'none'", "form-action 'self'", StringComparison.Ordinal);

    public string Render(SearchRequest request, SearchResults? results, InvalidSearchException? error)
    {
        var site = layout.Site;
        var texts = SearchPageTexts.For(site.DefaultLanguage);
        var culture = OpenGraphLocale.Culture(site.DefaultLanguage);
        var html = new StringBuilder(8192);
        var title = request.Text.Length == 0 ? texts.Search : texts.Search + texts.Colon + request.Text;
        layout.WriteStart(html, site.DefaultLanguage, layout.TitleFor(title), "<meta name=\"robots\" content=\"noindex\">\n");
        html.Append("<h1>").AppendHtml(texts.Search).Append("</h1>\n<form role=\"search\" action=\"/search\" method=\"get\"><label for=\"q\">")
            .AppendHtml(texts.Label).Append("</label> <input id=\"q\" name=\"q\" type=\"search\" maxlength=\"").Append(SearchLimits.MaxQueryLength)
            .Append("\" value=\"").AppendHtml(request.Text).Append('"').Append("> ");
        foreach (var (name, value) in Filters(request))
        {
            html.Append("<input type=\"hidden\" name=\"").Append(name).Append("\" value=\"").AppendHtml(value).Append("\">");
        }
        html.Append("<button type=\"submit\">").AppendHtml(texts.Button).Append("</button></form>\n");
        if (error is not null)
        {
            html.Append("<p role=\"alert\"><strong>").AppendHtml(texts.Invalid).Append("</strong>").AppendHtml(texts.Colon).AppendHtml(error.Message).Append("</p>\n");
        }
        if (results is not null)
        {
            var count = results.TotalHits switch
            {
                0 => texts.NoResult,
                1 => texts.OneResult,
                _ => texts.Results,
            };
            html.Append("<p class=\"byline\">").AppendHtml(string.Format(culture, count, results.TotalHits.ToString("N0", culture), request.Text)).Append("</p>\n<ol class=\"articles\">\n");
            foreach (var hit in results.Hits)
            {
                html.Append("<li lang=\"").AppendHtml(hit.Language).Append("\"><h2><a href=\"/articles/").Append(hit.Slug).Append("\">").AppendHtml(hit.Title)
                    .Append("</a></h2>\n<p class=\"byline\"><time datetime=\"").Append(SocialMetaTags.Iso(hit.Published)).Append("\">")
                    .AppendHtml(hit.Published.ToString("D", culture)).Append("</time></p>\n<p>").AppendHtml(hit.Description)
                    .Append("</p>\n<p class=\"snippet\">").Append(hit.SnippetHtml).Append("</p></li>\n");
            }
            html.Append("</ol>\n");
            if (request.Offset > 0)
            {
                html.Append("<p><a rel=\"prev\" href=\"").AppendHtml(PageUrl(request, Math.Max(0, request.Offset - request.Top))).Append("\">").AppendHtml(texts.Previous).Append("</a></p>\n");
            }
            if (results.NextOffset is { } next)
            {
                html.Append("<p><a rel=\"next\" href=\"").AppendHtml(PageUrl(request, next)).Append("\">").AppendHtml(texts.Next).Append("</a></p>\n");
            }
        }
        layout.WriteEnd(html, site.DefaultLanguage);
        return html.ToString();
    }

    /// <summary>The page of the same search (words, filters, page size) starting at <paramref name="start"/>.</summary>
    public static string PageUrl(SearchRequest request, int start)
    {
        var parameters = new List<KeyValuePair<string, string?>> { new("q", request.Text) };
        parameters.AddRange(Filters(request).Select(filter => new KeyValuePair<string, string?>(filter.Name, filter.Value)));
        if (request.Top != SearchRequest.DefaultTop)
        {
            parameters.Add(new("top", request.Top.ToString(CultureInfo.InvariantCulture)));
        }
        if (start > 0)
        {
            parameters.Add(new("start", start.ToString(CultureInfo.InvariantCulture)));
        }
        return "/search" + Microsoft.AspNetCore.Http.QueryString.Create(parameters);
    }

    private static IEnumerable<(string Name, string Value)> Filters(SearchRequest request)
    {
        if (request.Tag is { } tag)
        {
            yield return ("tag", tag);
        }
        if (request.Author is { } author)
        {
            yield return ("author", author);
        }
        if (request.From is { } from)
        {
            yield return ("from", from.ToString("O", CultureInfo.InvariantCulture));
        }
        if (request.To is { } to)
        {
            yield return ("to", to.ToString("O", CultureInfo.InvariantCulture));
        }
    }
}
