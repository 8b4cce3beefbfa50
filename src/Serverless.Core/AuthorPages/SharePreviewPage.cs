using System.Text;
using Serverless.Core.Rendering;
using Serverless.Core.Sharing;

namespace Serverless.Core.AuthorPages;

/// <summary>
/// The share preview for authors: each platform's card drawn as the platform draws it, light and dark side by side,
/// the platform's warnings beside it and the page-wide ones on top. HTML and CSS only.
/// </summary>
public sealed class SharePreviewPage(AuthorLayout layout)
{
    /// <param name="blobName">The uploaded blob the preview was read from.</param>
    public string Render(string blobName, SharePreview preview, AuthorSignOut? signOut)
    {
        var html = new StringBuilder(32 * 1024);
        layout.WriteStart(html, "Share preview: " + blobName, AuthorLinks.Dashboard, signOut);
        var title = preview.Platforms.FirstOrDefault(card => card.Platform == SharePlatformId.Facebook)?.Title ?? blobName;
        html.Append("<h1>").AppendHtml(title).Append("</h1>\n<p>How <code>").AppendHtml(blobName)
            .Append("</code> will look when shared, read from the page it would publish now. <a href=\"").AppendHtml(AuthorLinks.PagePreview(blobName)).Append("\">Page preview</a> · <a href=\"")
            .AppendHtml(AuthorLinks.SharePreviewJson(blobName)).Append("\">JSON</a>");
        if (preview.Url.Length > 0)
        {
            html.Append(" · <a href=\"").AppendHtml(preview.Url).Append("\">Its address</a>");
        }
        html.Append("</p>\n");
        var pageWide = preview.Warnings.Where(warning => warning.Platform == ShareRules.AllPlatforms).ToList();
        html.Append(preview.Warnings.Count == 0 ? "<p class=\"ok\">Nothing will break: no warning on any platform.</p>\n" : string.Empty);
        WriteWarnings(html, pageWide);
        foreach (var card in preview.Platforms)
        {
            html.Append("<section class=\"platform\" aria-labelledby=\"p-").Append(card.Platform).Append("\">\n<h2 id=\"p-").Append(card.Platform).Append("\">")
                .AppendHtml(card.Name).Append("</h2>\n<div class=\"pair\">\n");
            foreach (var theme in (string[])["light", "dark"])
            {
                html.Append("<figure class=\"card ").Append(card.Platform).Append(' ').Append(theme).Append("\" aria-label=\"")
                    .AppendHtml(card.Name).Append(", ").Append(theme).Append("\">");
                WriteCard(html, card);
                html.Append("</figure>\n");
            }
            html.Append("</div>\n");
            WriteWarnings(html, [.. preview.Warnings.Where(warning => warning.Platform == card.Platform)]);
            html.Append("</section>\n");
        }
        AuthorLayout.WriteEnd(html);
        return html.ToString();
    }

    private static void WriteWarnings(StringBuilder html, List<ShareWarning> warnings)
    {
        if (warnings.Count == 0)
        {
            return;
        }
        html.Append("<div class=\"warn\"><ul class=\"warnings\">");
        foreach (var warning in warnings)
        {
            html.Append("<li>").AppendHtml(warning.Message).Append(" <strong>").AppendHtml(warning.Fix).Append("</strong> <small>(").AppendHtml(warning.Rule).Append(")</small></li>");
        }
        html.Append("</ul></div>\n");
    }

    private static void WriteCard(StringBuilder html, PlatformCard card)
    {
        switch (card.Platform)
        {
            case SharePlatformId.X:
                html.Append("<div class=\"frame\">");
                if (Shown(card.Image) is { } xImage)
                {
                    Image(html, xImage);
                    Text(html, "p", "dom", card.Domain);
                }
                else
                {
                    NoImage(html, card);
                }
                html.Append("</div>");
                Text(html, "p", "by", card.Byline is null ? "From " + card.Domain : "From " + card.Domain + " · " + card.Byline);
                break;
            case SharePlatformId.Google:
                Text(html, "p", "dom", card.Domain + " › articles");
                Text(html, "p", "t", card.Title);
                Text(html, "p", "d", card.Description);
                break;
            case SharePlatformId.Slack:
                html.Append("<div class=\"frame\">");
                Text(html, "p", "dom", card.SiteName);
                Text(html, "p", "t", card.Title);
                Text(html, "p", "d", card.Description);
                if (card.Fields.Count > 0)
                {
                    html.Append("<dl>");
                    foreach (var field in card.Fields)
                    {
                        html.Append("<div><dt>").AppendHtml(field.Label).Append("</dt><dd>").AppendHtml(field.Value).Append("</dd></div>");
                    }
                    html.Append("</dl>");
                }
                ImageOrNothing(html, card);
                html.Append("</div>");
                break;
            case SharePlatformId.Discord:
                html.Append("<div class=\"frame\"");
                if (card.ThemeColor is { } color && IsHexColor(color))
                {
                    // A style attribute would need 'unsafe-inline': the style sheet colours the bar for the site's own theme-color.
                    html.Append(" data-color=\"").Append(color).Append('"');
                }
                html.Append('>');
                Text(html, "p", "dom", card.SiteName);
                Text(html, "p", "t", card.Title);
                Text(html, "p", "d", card.Description);
                ImageOrNothing(html, card);
                html.Append("</div>");
                break;
            case SharePlatformId.WhatsApp:
                html.Append("<div class=\"bubble\"><div class=\"box\">");
                ImageOrNothing(html, card);
                Text(html, "p", "t", card.Title);
                Text(html, "p", "d", card.Description);
                Text(html, "p", "dom", card.Domain);
                html.Append("</div><p class=\"d\">").AppendHtml(card.Domain).Append("/…</p></div>");
                break;
            default:
                // Facebook, LinkedIn, Bluesky, Mastodon: image on top (or a square beside), then the text.
                var small = card.Image?.Display == ImageDisplay.SmallSquare;
                html.Append("<div class=\"frame").Append(small ? " small" : string.Empty).Append("\">");
                ImageOrNothing(html, card);
                html.Append("<div class=\"box\">");
                if (card.Platform == SharePlatformId.Facebook)
                {
                    Text(html, "p", "dom", card.Domain);
                }
                Text(html, "p", "t", card.Title);
                Text(html, "p", "d", card.Description);
                if (card.Platform != SharePlatformId.Facebook)
                {
                    Text(html, "p", "dom", card.Domain);
                }
                Text(html, "p", "by", card.Byline is null ? null : "By " + card.Byline);
                html.Append("</div></div>");
                break;
        }
    }

    private static PreviewImage? Shown(PreviewImage? image) => image is { Display: not ImageDisplay.None } ? image : null;

    private static void ImageOrNothing(StringBuilder html, PlatformCard card)
    {
        if (Shown(card.Image) is { } image)
        {
            Image(html, image);
        }
        else if (card.Image is not null)
        {
            NoImage(html, card);
        }
    }

    private static void NoImage(StringBuilder html, PlatformCard card) =>
        html.Append("<p class=\"none\">").AppendHtml(card.Name).Append(" shows no image</p>");

    private static void Image(StringBuilder html, PreviewImage image) =>
        html.Append("<img src=\"").AppendHtml(image.Url).Append("\" alt=\"").AppendHtml(image.Alt ?? string.Empty).Append("\" loading=\"lazy\">");

    private static void Text(StringBuilder html, string element, string cssClass, string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            html.Append('<').Append(element).Append(" class=\"").Append(cssClass).Append("\">").AppendHtml(text).Append("</").Append(element).Append('>');
        }
    }

    private static bool IsHexColor(string color) => color is ['#', .. var digits] && digits.Length is 3 or 6 && digits.All(char.IsAsciiHexDigit);
}
