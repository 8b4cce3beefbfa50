using System.Security.Cryptography;
using System.Text;
using Serverless.Core.Configuration;
using Serverless.Core.Rendering;

namespace Serverless.Core.AuthorPages;

/// <summary>
/// The frame of the pages authors read in a browser (dashboard, share preview, sign-in): one inline style sheet, no
/// script, kept out of search engines. The cards of the share preview are drawn here too, so one hash covers all.
/// </summary>
public sealed class AuthorLayout(SiteOptions site)
{
    private const string StyleSheet = $$$"""
        :root{color-scheme:light dark;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
        body{background:#fff;color:#1f1f1f;margin:0 auto;max-width:80rem;padding:0 1rem}
        header.author{align-items:baseline;border-bottom:1px solid #8886;display:flex;flex-wrap:wrap;gap:1rem;padding:.75rem 0}
        header.author strong{margin-right:auto}
        h1{font-size:1.5rem;line-height:1.25;margin:1rem 0 .25rem;overflow-wrap:anywhere}
        h2{font-size:1.15rem;margin:0 0 .5rem}
        a{color:#0b57d0;overflow-wrap:anywhere}
        @media (prefers-color-scheme:dark){body{background:#131314;color:#e3e3e3}a{color:#a8c7fa}}
        ul.warnings{margin:.5rem 0 0;padding-left:1.1rem}
        ul.warnings li{margin:.25rem 0}
        .warn{background:#fff4ce;border-left:4px solid #8a5a00;color:#3b2a00;padding:.5rem .75rem;margin:.5rem 0}
        .ok{background:#dff6dd;border-left:4px solid #107c10;color:#0b3d0b;padding:.5rem .75rem;margin:.5rem 0}
        section.platform{border-top:1px solid #8886;padding:1rem 0}
        .pair{display:grid;gap:1rem;grid-template-columns:repeat(auto-fit,minmax(min(100%,19rem),1fr))}
        .card{box-sizing:border-box;margin:0;max-width:100%;overflow:hidden;overflow-wrap:anywhere;padding:.75rem}
        .card img{display:block;max-width:100%;object-fit:cover;width:100%}
        .card .t{font-weight:700;margin:.25rem 0}
        .card .d,.card .dom,.card .by{font-size:.875rem;margin:.25rem 0}
        .card.light{background:#fff;color:#0f1419}
        .card.dark{background:#15202b;color:#e7e9ea}
        .x .frame{border:1px solid #cfd9de;border-radius:16px;overflow:hidden;position:relative}
        .x img{aspect-ratio:2/1}
        .x .dom{background:#000c;border-radius:4px;bottom:.5rem;color:#fff;left:.5rem;margin:0;padding:0 .3rem;position:absolute}
        .facebook.light .box{background:#f0f2f5;color:#050505}.facebook.dark .box{background:#3a3b3c;color:#e4e6eb}
        .facebook.light .dom{color:#4b4c4f}.facebook.dark .dom{color:#d0d2d6}
        .facebook img,.linkedin img,.bluesky img,.mastodon img,.whatsapp img,.discord img{aspect-ratio:1.91/1}
        .box{padding:.5rem .75rem}
        .dom{text-transform:none}
        .facebook .dom{text-transform:uppercase}
        .small{align-items:center;display:flex;gap:.5rem}
        .small img{aspect-ratio:1/1;flex:0 0 6rem;width:6rem}
        .linkedin.light .box{background:#eef3f8;color:#000000e6}.linkedin.dark .box{background:#38434f;color:#ffffffe6}
        .linkedin.light .dom{color:#505050}.linkedin.dark .dom{color:#d5dade}
        .bluesky .frame{border:1px solid #8886;border-radius:12px;overflow:hidden}
        .bluesky.dark{background:#161e27}
        .mastodon .frame{border:1px solid #8886;border-radius:8px;overflow:hidden}
        .mastodon.dark{background:#282c37;color:#fff}
        .whatsapp.light{background:#efeae2}.whatsapp.dark{background:#0b141a}
        .whatsapp .bubble{border-radius:8px;padding:.25rem}
        .whatsapp.light .bubble{background:#d9fdd3;color:#111b21}.whatsapp.dark .bubble{background:#005c4b;color:#e9edef}
        .whatsapp.light .box{background:#d1f4cc}.whatsapp.dark .box{background:#025144}
        .whatsapp.light .dom{color:#3b4a54}.whatsapp.dark .dom{color:#d1d7db}
        .slack .frame{border-left:4px solid #dddddd;padding-left:.75rem}
        .slack.dark{background:#1a1d21;color:#d1d2d3}
        .slack.light .t{color:#1264a3}.slack.dark .t{color:#1d9bd1}
        .slack img{max-width:22rem}
        .slack dl{display:grid;font-size:.875rem;gap:0 1rem;grid-template-columns:repeat(2,minmax(0,1fr));margin:.25rem 0}
        .slack dt{font-weight:700}.slack dd{margin:0}
        .discord.light{background:#ffffff}.discord.dark{background:#313338;color:#dbdee1}
        .discord .frame{border-left:4px solid #8886;border-radius:4px;padding:.5rem .75rem}
        .discord .frame[data-color="{{{SiteLayout.AccentColor}}}"]{border-left-color:{{{SiteLayout.AccentColor}}}}
        .discord.light .frame{background:#f2f3f5}.discord.dark .frame{background:#2b2d31}
        .discord.light .t{color:#0056b3}.discord.dark .t{color:#00a8fc}
        .discord img{border-radius:4px;margin-top:.5rem}
        .google.dark{background:#202124;color:#bdc1c6}
        .google .t{font-size:1.25rem;font-weight:400}
        .google.light .t{color:#1a0dab}.google.dark .t{color:#99c3ff}
        .google.light .d{color:#474747}
        .google.dark .d{color:#bdc1c6}
        .none{border:1px dashed #8888;font-size:.875rem;padding:.5rem}
        table{border-collapse:collapse;width:100%}
        th,td{border-bottom:1px solid #8886;padding:.4rem;text-align:left;vertical-align:top}
        td{overflow-wrap:anywhere}
        .table{overflow-x:auto}
        nav.pages{display:flex;gap:1rem;margin:1rem 0}
        form.inline{display:inline}
        label{display:block;margin:.5rem 0 .25rem}
        input[type=password]{box-sizing:border-box;font:inherit;max-width:100%;padding:.4rem;width:24rem}
        button{font:inherit;margin-top:.75rem;padding:.4rem 1rem}
        """;

    /// <summary>Only the style sheet above applies; images from this site and https; no script, frame or plugin; forms post only here.</summary>
    public string ContentSecurityPolicy { get; } =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(StyleSheet)))}'; img-src 'self' https: {Origin(site.BaseUrl)}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public string SiteName => site.Name;

    /// <param name="signOut">How the signed-in author signs out; null when the key came with the request.</param>
    public void WriteStart(StringBuilder html, string title, string dashboardHref, AuthorSignOut? signOut = null)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"robots\" content=\"noindex, nofollow\">\n")
            .Append("<title>").AppendHtml(title).Append(" · ").AppendHtml(site.Name).Append("</title>\n<style>").Append(StyleSheet).Append("</style>\n</head>\n<body>\n")
            .Append("<header class=\"author\"><strong>").AppendHtml(site.Name).Append(" · authors</strong><a href=\"").AppendHtml(dashboardHref).Append("\">Dashboard</a>");
        if (signOut?.CsrfToken is { } csrfToken)
        {
            html.Append("<form class=\"inline\" method=\"post\" action=\"").AppendHtml(signOut.Action).Append("\"><input type=\"hidden\" name=\"csrf\" value=\"")
                .AppendHtml(csrfToken).Append("\"><button type=\"submit\">Sign out</button></form>");
        }
        else if (signOut is not null)
        {
            html.Append("<a href=\"").AppendHtml(signOut.Action).Append("\">Sign out</a>");
        }
        html.Append("</header>\n<main>\n");
    }

    public static void WriteEnd(StringBuilder html) => html.Append("</main>\n</body>\n</html>\n");

    private static string Origin(string baseUrl) => Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : string.Empty;
}
