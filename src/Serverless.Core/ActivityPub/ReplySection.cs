using System.Globalization;
using System.Text;
using Serverless.Core.Rendering;

namespace Serverless.Core.ActivityPub;

/// <summary>
/// The replies from the fediverse under an article: each its author linked to their actor, its date linked to the
/// reply, and its text as <see cref="ReplyContent"/> stored it (already cut down to the allow-list), newest first,
/// then how many more there are. Nothing at all when there are none.
/// </summary>
public static class ReplySection
{
    /// <summary>The heading and the count of the rest, in the page's language (English for one not listed).</summary>
    private sealed record ReplyTexts(string Heading, string OneMore, string More);

    private static readonly Dictionary<string, ReplyTexts> Texts = new(StringComparer.Ordinal)
    {
        ["fr"] = new("Réponses du fédivers", "Et une autre réponse.", "Et {0} autres réponses."),
        ["es"] = new("Respuestas del fediverso", "Y una respuesta más.", "Y {0} respuestas más."),
        ["de"] = new("Antworten aus dem Fediverse", "Und eine weitere Antwort.", "Und {0} weitere Antworten."),
        ["en"] = new("Replies from the fediverse", "And one more reply.", "And {0} more replies."),
    };

    public static void Write(StringBuilder html, ShownReplies replies, CultureInfo culture)
    {
        if (replies.Newest.Count == 0)
        {
            return;
        }
        var texts = Texts.GetValueOrDefault(culture.TwoLetterISOLanguageName) ?? Texts["en"];
        html.Append("<section class=\"replies\" aria-labelledby=\"replies-title\">\n<h2 id=\"replies-title\">").AppendHtml(texts.Heading).Append("</h2>\n<ol>\n");
        foreach (var reply in replies.Newest)
        {
            html.Append("<li><p class=\"reply-by\"><a href=\"").AppendHtml(reply.Actor).Append("\" rel=\"nofollow ugc noopener\">").AppendHtml(reply.AuthorName)
                .Append("</a> · <a href=\"").AppendHtml(reply.Url).Append("\" rel=\"nofollow ugc noopener\"><time datetime=\"").Append(SocialMetaTags.Iso(reply.Published)).Append("\">")
                .AppendHtml(reply.Published.ToString("D", culture)).Append("</time></a></p>\n<div class=\"reply\">").Append(reply.Content).Append("</div></li>\n");
        }
        html.Append("</ol>\n");
        if (replies.More > 0)
        {
            html.Append("<p>").AppendHtml(replies.More == 1 ? texts.OneMore : string.Format(culture, texts.More, replies.More.ToString("N0", culture))).Append("</p>\n");
        }
        html.Append("</section>\n");
    }

    /// <summary>What of the replies shows on the page, for the render's inputs hash; nothing when there are none, so that pages without replies keep their hash.</summary>
    public static void AppendHashInput(StringBuilder text, ShownReplies replies)
    {
        foreach (var reply in replies.Newest)
        {
            text.Append("P ").Append(reply.NoteId).Append(' ').Append(reply.AuthorName).Append(' ').Append(SocialMetaTags.Iso(reply.Published)).Append(' ')
                .Append(ActivityDocuments.Hash(reply.Content)).Append('\n');
        }
        if (replies.More > 0)
        {
            text.Append("P+ ").Append(replies.More).Append('\n');
        }
    }
}
