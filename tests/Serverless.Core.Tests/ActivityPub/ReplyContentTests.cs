using Serverless.Core.ActivityPub;

namespace Serverless.Core.Tests.ActivityPub;

/// <summary>A reply from anyone on the fediverse is shown on a page: only paragraphs, line breaks and web links survive, and nothing runs.</summary>
public sealed class ReplyContentTests
{
    [Theory]
    [InlineData("<p>Hi<script>alert(1)</script></p>", "<p>Hi</p>")]
    [InlineData("<img src=x onerror=alert(1)>Look", "Look")]
    [InlineData("<a href=\"javascript:alert(1)\">click</a>", "<a rel=\"nofollow ugc noopener\">click</a>")]
    [InlineData("<p onclick=\"alert(1)\" style=\"color:red\">Well told</p>", "<p>Well told</p>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe><style>body{display:none}</style>Fine", "Fine")]
    [InlineData("<svg><script>alert(1)</script></svg>x", "x")]
    [InlineData("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    public void Script_handlers_styles_and_unsafe_links_are_removed(string reply, string shown) =>
        Assert.Equal(shown, ReplyContent.Sanitize(reply));

    [Fact]
    public void Mastodon_reply_keeps_its_paragraphs_line_breaks_and_mention_link_as_text_and_link()
    {
        var reply = "<p><span class=\"h-card\"><a href=\"https://news.example/@news\" class=\"u-url mention\">@<span>news</span></a></span> Well told.<br>Thanks</p>";

        Assert.Equal("<p><a href=\"https://news.example/@news\" rel=\"nofollow ugc noopener\">@news</a> Well told.<br>Thanks</p>", ReplyContent.Sanitize(reply));
    }

    [Fact]
    public void Reply_longer_than_the_limit_is_shown_as_the_start_of_its_text()
    {
        var shown = ReplyContent.Sanitize("<p>" + string.Concat(Enumerable.Repeat("word <b>bold</b> ", 1000)) + "</p>");

        Assert.DoesNotContain("<", shown);
        Assert.EndsWith("…", shown);
        Assert.True(shown.Length <= ReplyContent.MaxLength);
    }
}
