using Serverless.Core.Articles;
using static Serverless.Core.Tests.Parsing.TestArticles;

namespace Serverless.Core.Tests.Parsing;

/// <summary>An uploaded image alone in its paragraph with a caption (its title, or the italic line after it) is a figure.</summary>
public sealed class ImageCaptionTests
{
    private static Article InSony(string text) => Parse(text, name: "2014/sony/article.md");

    [Fact]
    public void Image_title_is_its_caption_as_text()
    {
        var html = InSony("# Sony\n\n![Affiche](poster.jpg \"The poster <b>x</b>\")").BodyHtml;

        Assert.Contains("<figure><img data-image=\"0\" alt=\"Affiche\"><figcaption>The poster &lt;b&gt;x&lt;/b&gt;</figcaption></figure>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Italic_line_right_after_the_image_is_its_caption()
    {
        var html = InSony("# Sony\n\n![Affiche](poster.jpg)\n*The poster, 2014*\n\nNext.").BodyHtml;

        Assert.Contains("<figure><img data-image=\"0\" alt=\"Affiche\"><figcaption>The poster, 2014</figcaption></figure>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<em>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_among_text_keeps_its_paragraph()
    {
        var html = InSony("# Sony\n\nSee ![Affiche](poster.jpg \"Caption\") here.").BodyHtml;

        Assert.DoesNotContain("<figure>", html, StringComparison.Ordinal);
    }
}
