using System.Text;
using System.Text.RegularExpressions;
using Serverless.Functions.Http;

namespace Serverless.IntegrationTests.Infrastructure;

/// <summary>
/// What readers get at public paths of a site (status, redirect target and body), through the HTTP functions, with
/// the instants that depend on when the test ran blanked out: states of two runs compare equal when they serve the same.
/// </summary>
public static partial class PublicAnswers
{
    /// <summary>The answer at each path: article pages, the API, share snippets and cards, feeds, sitemaps, tag pages.</summary>
    public static async Task<Dictionary<string, string>> ReadAsync(TestSite site, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var response = await GetAsync(site, path, cancellationToken);
            var answer = new StringBuilder().Append(response.StatusCode).Append(' ').Append(response.Headers.Location.ToString()).Append(' ').Append(response.Body);
            state[path] = Blanked(answer.ToString());
        }
        return state;
    }

    /// <summary>GET of any public path through its HTTP function.</summary>
    public static async Task<HttpResponseSnapshot> GetAsync(TestSite site, string path, CancellationToken cancellationToken)
    {
        var context = site.NewHttpContext(path);
        var segments = path.Split('?')[0].TrimStart('/').Split('/');
        var result = segments switch
        {
            [""] => await new PageFunctions(site.Get<Core.Http.PageHandlers>()).GetIndexPage(context.Request, cancellationToken),
            ["articles", var slug] => await new PageFunctions(site.Get<Core.Http.PageHandlers>()).GetArticlePage(context.Request, slug, cancellationToken),
            ["api", "articles"] => await new ApiFunctions(site.Get<Core.Http.ApiHandlers>()).ListArticles(context.Request, cancellationToken),
            ["api", "articles", var slug] => await new ApiFunctions(site.Get<Core.Http.ApiHandlers>()).GetArticle(context.Request, slug, cancellationToken),
            ["api", "share", var slug] => await new ApiFunctions(site.Get<Core.Http.ApiHandlers>()).GetShareSnippet(context.Request, slug, cancellationToken),
            ["search"] => await new SearchFunctions(site.Get<Core.Http.SearchHandlers>()).SearchPage(context.Request, cancellationToken),
            ["api", "search"] => await new SearchFunctions(site.Get<Core.Http.SearchHandlers>()).SearchApi(context.Request, cancellationToken),
            ["og", var card] => await new ShareCardFunctions(site.Get<Core.Http.ShareCardHandlers>()).GetShareCard(context.Request, card[..^4], cancellationToken),
            _ => null,
        };
        return result is null ? await site.GetSiteFileAsync(path) : await HttpResponseSnapshot.ExecuteAsync(result, context);
    }

    /// <summary>The text with every instant taken while the test ran replaced by <c>&lt;instant&gt;</c>.</summary>
    public static string Blanked(string text) => RunInstant().Replace(text, match => IsRunTime(match.Value) ? "<instant>" : match.Value);

    /// <summary>
    /// Whether an instant was taken while the test ran (an upload's or a render's: modification times, feed and sitemap
    /// dates), which differs from run to run; the articles' publication dates (2025 and before) are kept and compared.
    /// </summary>
    private static bool IsRunTime(string instant) =>
        DateTimeOffset.TryParse(instant, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
        && at > RunStarted;

    private static readonly DateTimeOffset RunStarted = DateTimeOffset.UtcNow - TimeSpan.FromDays(1);

    /// <summary>Instants in ISO 8601 and RFC 1123 forms.</summary>
    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?|\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4}|Z)")]
    private static partial Regex RunInstant();
}
