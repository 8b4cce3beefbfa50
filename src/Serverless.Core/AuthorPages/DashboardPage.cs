using System.Globalization;
using System.Text;
using Serverless.Core.Admin;
using Serverless.Core.Ingest;
using Serverless.Core.Rendering;

namespace Serverless.Core.AuthorPages;

/// <summary>
/// The author dashboard: a page of the uploaded blobs with each one's state, why it failed, its warnings, and links to
/// its page, its page preview and its share preview; a filter by state, and a link to the next page.
/// </summary>
public sealed class DashboardPage(AuthorLayout layout)
{
    /// <param name="state">The state shown, null for all: applied to the page read, so a filtered page may hold fewer rows and still not be the last.</param>
    /// <param name="nextPage">The query string of the next page; null on the last.</param>
    public string Render(AdminPage<PublicationStatus> page, PublicationState? state, string? nextPage, AuthorSignOut? signOut)
    {
        var html = new StringBuilder(16 * 1024);
        layout.WriteStart(html, "Articles", AuthorLinks.Dashboard, signOut);
        html.Append("<h1>Articles</h1>\n<nav class=\"pages\" aria-label=\"Filter by state\"><a href=\"./\"").Append(state is null ? " aria-current=\"page\"" : string.Empty).Append(">All</a>");
        foreach (var each in Enum.GetValues<PublicationState>())
        {
            var name = each.ToString().ToLowerInvariant();
            html.Append("<a href=\"./?state=").Append(name).Append('"').Append(each == state ? " aria-current=\"page\"" : string.Empty).Append('>').Append(name).Append("</a>");
        }
        html.Append("</nav>\n");
        var rows = page.Items.Where(status => state is null || status.State == state).ToList();
        if (rows.Count == 0)
        {
            html.Append("<p>No article on this page").Append(state is null ? string.Empty : " is " + state.Value.ToString().ToLowerInvariant()).Append(".</p>\n");
        }
        else
        {
            html.Append("<div class=\"table\"><table>\n<thead><tr><th scope=\"col\">Article</th><th scope=\"col\">State</th><th scope=\"col\">Why, and warnings</th><th scope=\"col\">Open</th></tr></thead>\n<tbody>\n");
            foreach (var status in rows)
            {
                WriteRow(html, status);
            }
            html.Append("</tbody></table></div>\n");
        }
        if (nextPage is not null)
        {
            html.Append("<nav class=\"pages\" aria-label=\"Pages\"><a href=\"./?").AppendHtml(nextPage).Append("\">Next page</a></nav>\n");
        }
        AuthorLayout.WriteEnd(html);
        return html.ToString();
    }

    private static void WriteRow(StringBuilder html, PublicationStatus status)
    {
        html.Append("<tr><td>").AppendHtml(status.Title ?? status.BlobName).Append("<br><small><code>").AppendHtml(status.BlobName).Append("</code></small></td><td>")
            .Append(status.State.ToString().ToLowerInvariant());
        if (status.PreviousVersionServed)
        {
            html.Append(" (the version before is still served)");
        }
        html.Append("<br><small>").Append(status.ProcessedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</small></td><td>");
        if (status.State == PublicationState.Failed)
        {
            html.Append("<strong>").AppendHtml(status.RenderFailure ?? status.Message).Append("</strong>");
        }
        else if (status.State is PublicationState.Draft or PublicationState.Scheduled or PublicationState.Rendering)
        {
            html.AppendHtml(status.Message);
        }
        if (status.Warnings.Count > 0)
        {
            html.Append("<ul class=\"warnings\">");
            foreach (var warning in status.Warnings)
            {
                html.Append("<li>").AppendHtml(warning).Append("</li>");
            }
            html.Append("</ul>");
        }
        html.Append("</td><td>");
        if (status is { State: PublicationState.Published, Url: { } url })
        {
            html.Append("<a href=\"").AppendHtml(url).Append("\">Page</a><br>");
        }
        if (ArticleIngester.IsArticle(status.BlobName))
        {
            html.Append("<a href=\"").AppendHtml(AuthorLinks.PagePreview(status.BlobName)).Append("\">Page preview</a><br><a href=\"")
                .AppendHtml(AuthorLinks.SharePreview(status.BlobName)).Append("\">Share preview</a>");
        }
        html.Append("</td></tr>\n");
    }
}
